"""Generate the kiosk's sounds (run once; the WAV files are committed).

admitted.wav: a soft rising two-note chime (E5 then A5) with bell-like partials.
goodbye.wav: the same chime falling (A5 then E5), softer: a check-out.
denied.wav: a low double tone (two short A3 beeps), clear but not alarming.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050


def _render(notes: list[tuple[float, float, float, float, float]], total: float) -> bytes:
    samples = [0.0] * int(total * RATE)
    for freq, start, length, amp, decay in notes:
        first = int(start * RATE)
        for i in range(int(length * RATE)):
            t = i / RATE
            attack = min(1.0, t / 0.008)
            env = attack * math.exp(-t * decay)
            value = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(2 * math.pi * 2 * freq * t)
            value += 0.12 * math.sin(2 * math.pi * 3.01 * freq * t)
            if first + i < len(samples):
                samples[first + i] += amp * env * value
    peak = max(abs(s) for s in samples) or 1.0
    scale = 0.6 * 32767 / peak
    return b"".join(struct.pack("<h", int(s * scale)) for s in samples)


def write(path: Path, data: bytes) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(data)


def main() -> None:
    here = Path(__file__).parent
    write(here / "admitted.wav", _render([(659.25, 0.0, 0.9, 0.8, 5.0), (880.0, 0.14, 1.0, 0.8, 4.0)], 1.2))
    write(here / "goodbye.wav", _render([(880.0, 0.0, 0.9, 0.7, 5.0), (659.25, 0.16, 1.0, 0.7, 4.0)], 1.2))
    # A short release on each beep so they do not click.
    write(
        here / "denied.wav",
        _render([(220.0, 0.0, 0.22, 1.0, 9.0), (220.0, 0.30, 0.26, 1.0, 9.0)], 0.65),
    )


if __name__ == "__main__":
    main()

"""Frame sources with real files: a generated video and an image folder, decoded end to end."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.camera.demo import DemoCamera, HoldUpStyle
from kiosk.camera.scene import background
from kiosk.camera.sources import (
    CameraLost,
    CameraUnavailable,
    FrameSource,
    ImageFolderSource,
    VideoFileSource,
    WebcamSource,
)
from kiosk.scanner import QrDecoder, RepeatFilter

from .conftest import CODE_A, CODE_B, CODE_C, frame_with

FPS = 30.0


def _confirmed_sequence(source: FrameSource, limit: int = 1000) -> list[str]:
    """Decode a finite source as the worker would: repeat-confirm with the video's own clock."""
    decoder = QrDecoder(clock=lambda: t)
    confirm = RepeatFilter(repeat=2, window_s=1.0, cooldown_s=3.0)
    out: list[str] = []
    source.open()
    try:
        for i in range(limit):
            frame = source.read()
            if frame is None:
                break
            t = i / source.fps
            det = decoder.decode(frame)
            if det is not None and confirm.feed(det.text, t):
                out.append(det.text)
    finally:
        source.close()
    return out


def _write_video(path: Path, frames: list[np.ndarray]) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), FPS, (1280, 720))
    assert writer.isOpened()
    for f in frames:
        writer.write(f)
    writer.release()


def test_video_decodes_to_the_right_sequence(tmp_path: Path) -> None:
    empty = np.array(background())
    clips = [frame_with(CODE_A), frame_with(CODE_B, phone=True, scale=0.28, tilt=25.0),
             frame_with(CODE_C, angle=30.0, scale=0.25, center=(0.3, 0.4))]
    frames: list[np.ndarray] = []
    for clip in clips:
        frames += [clip] * 12 + [empty] * 8
    frames += [clips[0]] * 12  # A again, 4 s after its first read: a new check-in
    frames = [empty] * 5 + frames
    path = tmp_path / "hallway.avi"
    _write_video(path, frames)
    source = VideoFileSource(path, loop=False)
    assert _confirmed_sequence(source) == [CODE_A, CODE_B, CODE_C]
    slower = VideoFileSource(path, loop=False, fps=10.0)  # same frames, spread over 8 s
    assert _confirmed_sequence(slower) == [CODE_A, CODE_B, CODE_C, CODE_A]


def test_looping_video_rewinds(tmp_path: Path) -> None:
    path = tmp_path / "short.avi"
    _write_video(path, [frame_with(CODE_A)] * 3)
    source = VideoFileSource(path)
    source.open()
    try:
        assert all(source.read() is not None for _ in range(10))
    finally:
        source.close()


def test_image_folder(tmp_path: Path) -> None:
    for name, code in (("01.png", CODE_A), ("02.jpg", CODE_B)):
        cv2.imwrite(str(tmp_path / name), frame_with(code))
    source = ImageFolderSource(tmp_path, frames_per_image=4, loop=False)
    assert _confirmed_sequence(source) == [CODE_A, CODE_B]


def test_missing_sources_raise_typed_errors(tmp_path: Path) -> None:
    for source in (WebcamSource("/dev/video-kiosk-test-missing"), VideoFileSource(tmp_path / "none.mp4"),
                   ImageFolderSource(tmp_path)):
        with pytest.raises(CameraUnavailable) as err:
            source.open()
        assert err.value.user_message() == "No camera found."


def test_demo_camera_is_cheap_and_thread_safe_to_steer() -> None:
    camera = DemoCamera()
    with pytest.raises(CameraLost):
        camera.read()
    camera.open()
    idle = camera.read()
    assert idle is not None and idle.shape == (720, 1280, 3) and not idle.flags.writeable
    camera.hold_up(CODE_A, HoldUpStyle(scale=0.3))
    held = camera.read()
    assert held is not None and camera.holding == CODE_A and camera.code_corners() is not None
    assert QrDecoder().decode(held) is not None
    camera.take_away()
    assert camera.read() is not None and camera.holding is None and camera.code_corners() is None
    camera.close()

"""Fuzzed codes against a roster: nothing but the real cards may be admitted (issue 13).

Run: python -m bench.fuzz_codes [--codes 100000] [--members 2000] [--seed 13]
Prints how many codes of each kind were tried, the verdict reasons, and how many were admitted
(must be 0). The CI-sized run is tests/core/test_fuzz_codes.py (5,000 codes).

The codes: random text over the code alphabet and outside it, real cards with one symbol
changed, truncated or extended, and well-formed forgeries with a correct check symbol (a real
member number and serial with a fresh secret, a newer serial, an unknown number, day passes
and enrollment codes). Each is decided by the same core `decide` the kiosk and the server use,
with the roster record of the number it names.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from kiosk.core.alphabet import ALPHABET
from kiosk.core.credentials import CredentialError, DayPass, EnrollmentCode, MemberPass, normalize, parse
from kiosk.core.models import MemberRecord, MemberState, Policy
from kiosk.core.rules import decide

NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
SPACE = 2


@dataclass(frozen=True)
class Roster:
    cards: list[MemberPass]
    records: dict[int, MemberRecord]
    texts: frozenset[str]


def roster(rng: random.Random, members: int) -> Roster:
    cards, records = [], {}
    for i in range(members):
        number, serial = 10_001 + i, rng.randint(1, 3)
        card = MemberPass(secret=rng.getrandbits(80), member_number=number, serial=serial)
        cards.append(card)
        records[number] = MemberRecord(
            number=number, display_name=f"M{number}", home_space_id=1 + i % 5, state=MemberState.ACTIVE,
            plan="standard", pass_serial=serial, secret_hash=card.secret_hash(),
        )  # fmt: skip
    return Roster(cards, records, frozenset(c.text for c in cards))


def _mutations(rng: random.Random, r: Roster) -> list[tuple[str, Callable[[], str]]]:
    def card() -> MemberPass:
        return rng.choice(r.cards)

    def substituted() -> str:
        text = list(card().text)
        i = rng.randrange(len(text))
        text[i] = rng.choice([s for s in ALPHABET if s != text[i]])
        return "".join(text)

    def forged_secret() -> str:
        c = card()
        return MemberPass(secret=rng.getrandbits(80), member_number=c.member_number, serial=c.serial).text

    def newer_serial() -> str:
        c = card()
        return MemberPass(secret=rng.getrandbits(80), member_number=c.member_number, serial=c.serial + 1).text

    def unknown_number() -> str:
        return MemberPass(secret=rng.getrandbits(80), member_number=rng.randint(1, 9_999), serial=1).text

    def day_pass() -> str:
        return DayPass(
            secret=rng.getrandbits(80),
            space_id=SPACE,
            valid_on=date(2026, 11, 20),
            number=rng.randint(1, 999),
        ).text  # noqa: E501

    def enrollment() -> str:
        return EnrollmentCode(secret=rng.getrandbits(80), space_id=SPACE, number=rng.randint(1, 999)).text

    def random_symbols() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))

    def random_prefixed() -> str:
        return "CWM1" + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(20, 30)))

    def random_unicode() -> str:
        return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 40)))

    def cut_or_grown() -> str:
        text = card().text
        return text[: rng.randrange(len(text))] if rng.random() < 0.5 else text + rng.choice(ALPHABET)

    def noisy() -> str:
        text = substituted()
        return f"  {text.lower()}\n" if rng.random() < 0.5 else text.replace(text[3], text[3] + " ", 1)

    return [
        ("substituted", substituted), ("forged_secret", forged_secret), ("newer_serial", newer_serial),
        ("unknown_number", unknown_number), ("day_pass", day_pass), ("enrollment", enrollment),
        ("random_symbols", random_symbols), ("random_prefixed", random_prefixed),
        ("random_unicode", random_unicode), ("cut_or_grown", cut_or_grown), ("noisy", noisy),
    ]  # fmt: skip


def fuzzed(rng: random.Random, r: Roster, n: int) -> Iterator[tuple[str, str]]:
    """(kind, code) pairs; a mutation that happens to give a real card again is skipped."""
    kinds = _mutations(rng, r)
    made = 0
    while made < n:
        kind, make = kinds[made % len(kinds)]
        code = make()
        try:
            if normalize(code) in r.texts:
                continue
        except (CredentialError, ValueError):
            pass
        made += 1
        yield kind, code


def verdict_for(r: Roster, code: str) -> tuple[bool, str]:
    try:
        scanned: object = parse(code)
    except CredentialError as exc:
        scanned = exc
    member = r.records.get(scanned.member_number) if isinstance(scanned, MemberPass) else None
    verdict = decide(scanned, space_id=SPACE, now=NOW, policy=Policy(), member=member, offline=True)  # type: ignore[arg-type]
    return verdict.admitted, verdict.reason.value


def run(codes: int, members: int, seed: int) -> tuple[Counter[str], Counter[str], list[str]]:
    rng = random.Random(seed)
    r = roster(rng, members)
    assert all(verdict_for(r, c.text)[0] for c in r.cards[:50]), "the real cards must be admitted"
    kinds: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    admitted: list[str] = []
    for kind, code in fuzzed(rng, r, codes):
        ok, reason = verdict_for(r, code)
        kinds[kind] += 1
        reasons[reason] += 1
        if ok:
            admitted.append(code)
    return kinds, reasons, admitted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    started = time.perf_counter()
    kinds, reasons, admitted = run(args.codes, args.members, args.seed)
    seconds = time.perf_counter() - started
    total = sum(kinds.values())
    print(f"fuzzed codes: {total} against {args.members} members (seed {args.seed}), {seconds:.1f} s")
    print("kinds:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("verdicts:", ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))
    print(f"admitted: {len(admitted)}")


if __name__ == "__main__":
    main()

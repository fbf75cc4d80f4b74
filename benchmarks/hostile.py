# ruff: noqa: E501  (tables of cases read best one to a line)
"""Re-measure issue 13's opening counts on scenario and policy input: run `validate` and
`run --policy` on malformed, mutated and extreme files, each in its own process with a timeout
and a memory cap, and count clean messages, wrong files accepted, tracebacks, hangs, wrong exit
codes and the peak memory of any child.

    python benchmarks/hostile.py [--timeout 120] [--memory-mb 3000] [--mutations 80] [--jobs 2]

Timings are wall times on a shared machine: read them as orders of magnitude.
"""

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MALFORMED = ROOT / "tests" / "malformed"
SHIPPED = sorted((ROOT / "scenarios").glob("*.toml"))
RUDE = (ROOT / "scenarios" / "rude-reply.toml").read_text()


@dataclass
class Case:
    group: str
    label: str
    args: list[str]
    expect: int | None  # the exit code a correct program gives; None: 0 or 1 both fine
    subject: str  # the file the messages must name (or "" for an argument)


@dataclass
class Result:
    case: Case
    code: int | None  # None: killed at the timeout
    seconds: float
    peak_mb: float
    stderr: str

    @property
    def verdict(self) -> str:
        if self.code is None:
            return "hang"
        if "Traceback" in self.stderr or self.code == 3 or self.code < 0:
            return "traceback"
        expect = self.case.expect
        if expect not in (None, 0) and self.code == 0:
            return "wrong file accepted"
        if (expect is not None and self.code != expect) or self.code not in (0, 1, 2):
            return "wrong exit code"
        if self.code == 0:
            return "accepted"
        lines = self.stderr.strip().splitlines()
        prefixes = (
            (f"{self.case.subject}:", "crisis-drill: ")
            if self.case.subject
            else ("crisis-drill: ",)
        )
        if lines and all(line.startswith(prefixes) for line in lines):
            return "clean message"
        return "unclear message"


def _edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        if old not in text:
            raise ValueError(f"not in the scenario: {old!r}")
        text = text.replace(old, new, 1)
    return text


_HOSTILE_VALUES = [
    '"40000"', '"yes"', "nan", "inf", "-inf", "0", "-1", "1e308", "9" * 40, "7" * 4000,
    '"0s"', '"40 minutes"', '"99999d"', '""', '"{nosuch}"', '"{0}"', '"oops {"',
    '"{brand:>200000000}"', "[" * 30 + "]" * 30, "{ a = 1 }", "1979-05-27", "true", "0.0",
    '"\\u001b[2J"', "[]",
]  # fmt: skip


def mutations(count: int, seed: int) -> list[tuple[str, str]]:
    """Shipped scenarios with one to three values replaced by hostile ones (seeded)."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        source = rng.choice(SHIPPED)
        lines = source.read_text().split("\n")
        keyed = [i for i, line in enumerate(lines) if " = " in line]
        for _ in range(rng.choice([1, 1, 2, 3])):
            i = rng.choice(keyed)
            key = lines[i].split(" = ", 1)[0]
            lines[i] = f"{key} = {rng.choice(_HOSTILE_VALUES)}"
        out.append((f"mutation-{n:03d}-{source.stem}", "\n".join(lines)))
    return out


def _steps(n: int, every: int) -> str:
    body = "".join(f'[[expert]]\nat = "{10 + k * every}s"\naction = "monitor"\n' for k in range(n))
    return body


def extremes() -> list[tuple[str, str]]:
    """Valid scenarios at the edges of the documented ranges (rude-reply edited)."""
    expert_start = RUDE.index("[[expert]]")
    expert_end = RUDE.index("[scoring]")
    origin = RUDE[RUDE.index("[[cascade.origin]]") : RUDE.index("[clock]")]
    inject = (
        '[[injects]]\nid = "wave-{k}"\nat = "{m}m"\ntitle = "A wave"\ntext = "More posts."\n'
        'multiplier = 5.0\nroots = [' + ", ".join(['{ role = "critic", text = "Again {brand}." }'] * 50) + "]\n\n"
    )  # fmt: skip
    many_injects = "".join(
        inject.replace("{k}", str(k)).replace("{m}", str(30 + k)) for k in range(97)
    )
    return [
        ("audience-1e6", _edit(RUDE, ("size = 40000", "size = 1000000"))),
        ("background-1e5-per-hour", _edit(RUDE, ("background_rate = 3.0", "background_rate = 100000"))),
        ("infectiousness-3", _edit(RUDE, ("base_infectiousness = 1.05", "base_infectiousness = 3"))),
        ("duration-30d-tick-1m", _edit(RUDE, ('duration = "12h"', 'duration = "30d"'))),
        ("duration-13h-tick-1s", _edit(RUDE, ('duration = "12h"', 'duration = "13h"'), ('tick = "1m"', 'tick = "1s"'))),
        ("mean-delay-1s", _edit(RUDE, ('mean_delay = "40m"', 'mean_delay = "1s"'))),
        ("mean-delay-7d", _edit(RUDE, ('mean_delay = "40m"', 'mean_delay = "7d"'))),
        ("follower-median-1e6", _edit(RUDE, ("follower_median = 180", "follower_median = 1000000"))),
        ("pareto-alpha-0.1", _edit(RUDE, ('follower_law = "lognormal"', 'follower_law = "pareto"'), ("follower_spread = 1.7", "follower_spread = 0.1"))),
        ("brand-followers-1e9", _edit(RUDE, ("followers = 84000", "followers = 1000000000"))),
        ("origin-followers-1e9", _edit(RUDE, ("followers = 2300", "followers = 1000000000"))),
        ("stars-3000", _edit(RUDE, ("influencers = 6", "influencers = 1000"), ("journalists = 4", "journalists = 1000"), ("media = 2", "media = 1000"))),
        ("origin-100-posts", _edit(RUDE, (origin, origin * 100))),
        ("injects-100-x-50-roots", _edit(RUDE, ("[[expert]]", many_injects + "[[expert]]"))),
        ("expert-100-steps", RUDE[:expert_start] + _steps(100, 400) + "\n" + RUDE[expert_end:]),
        ("texts-10000-lines", _edit(RUDE, ("[texts]\n", "[texts]\nnews = [" + '"{brand} again.",' * 10000 + "]\n"))),
        ("file-4.9MB", RUDE + "\n" + "# padding\n" * 490_000),
        ("all-at-once", _edit(RUDE, ("size = 40000", "size = 1000000"), ("background_rate = 3.0", "background_rate = 100000"), ("base_infectiousness = 1.05", "base_infectiousness = 3"), ('duration = "12h"', 'duration = "30d"'))),
    ]  # fmt: skip


def build(folder: Path, mutation_count: int) -> list[Case]:
    """Every case, its files written in `folder`."""
    cli = [sys.executable, "-m", "simulator"]
    cases = []
    for path in sorted(MALFORMED.glob("*.toml")):
        cases.append(
            Case("malformed scenarios", path.stem, [*cli, "validate", str(path)], 1, str(path))
        )
    for path in sorted((MALFORMED / "policies").iterdir()):
        args = [*cli, "run", "rude-reply", "--policy", str(path)]
        cases.append(Case("malformed policies", path.name, args, 1, str(path)))
    for label, text in mutations(mutation_count, seed=13):
        path = folder / f"{label}.toml"
        path.write_text(text)
        cases.append(
            Case("mutated scenarios", label, [*cli, "validate", str(path)], None, str(path))
        )
    for label, text in extremes():
        path = folder / f"extreme-{label}.toml"
        path.write_text(text)
        args = [*cli, "run", str(path), "--policy", "expert"]
        cases.append(Case("valid-but-extreme scenarios", label, args, None, str(path)))
    fifo = folder / "pipe.toml"
    os.mkfifo(fifo)
    big = folder / "big.toml"
    big.write_text(RUDE + "#" * 6_000_000)
    steps = folder / "steps.toml"
    steps.write_text('[[actions]]\nat = "1h"\naction = "monitor"\n' * 10_001)
    deep = folder / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    zero = folder / "zero.toml"
    zero.symlink_to("/dev/zero")
    for label, args, subject, expect in [
        ("validate a FIFO", ["validate", str(fifo)], fifo, 1),
        ("validate /dev/zero via a link", ["validate", str(zero)], zero, 1),
        ("validate /dev/urandom", ["validate", "/dev/urandom"], "/dev/urandom", 1),
        ("validate a 6 MB file", ["validate", str(big)], big, 1),
        (
            "validate a folder without scenarios",
            ["validate", str(folder / "sub")],
            folder / "sub",
            1,
        ),
        ("run a FIFO scenario", ["run", str(fifo), "--policy", "expert"], fifo, 1),
        ("run --policy FIFO", ["run", "rude-reply", "--policy", str(fifo)], fifo, 1),
        ("run --policy /dev/zero", ["run", "rude-reply", "--policy", str(zero)], zero, 1),
        ("run --policy 10,001 steps", ["run", "rude-reply", "--policy", str(steps)], steps, 1),
        ("run --policy nested 200,000 deep", ["run", "rude-reply", "--policy", str(deep)], deep, 1),
        ("run --policy missing", ["run", "rude-reply", "--policy", "foo"], "", 2),
        ("run --policy a folder", ["run", "rude-reply", "--policy", str(folder)], folder, 1),
    ]:
        cases.append(Case("not files / arguments", label, [*cli, *args], expect, str(subject)))
    (folder / "sub").mkdir()
    return cases


def run(case: Case, timeout: float, memory_mb: int) -> Result:
    """One case in its own process: capped, timed, and its peak memory read from wait4."""
    limit = memory_mb * 1024 * 1024

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            case.args, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL,
            preexec_fn=cap, cwd=ROOT, env=env,
        )  # fmt: skip
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    code = None if killed.is_set() else proc.returncode
    return Result(case, code, seconds, usage.ru_maxrss / 1024, stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per process")
    parser.add_argument("--memory-mb", type=int, default=3000, help="address-space cap")
    parser.add_argument("--mutations", type=int, default=80, help="mutated scenarios")
    parser.add_argument("--jobs", type=int, default=2, help="processes at once")
    parser.add_argument("--only", help="run only the cases whose group or label has this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cases = build(Path(folder), args.mutations)
        if args.only:
            cases = [c for c in cases if args.only in c.group or args.only in c.label]
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda c: run(c, args.timeout, args.memory_mb), cases))
    report(results, args.timeout)


def report(results: list[Result], timeout: float) -> None:
    verdicts = [
        "clean message", "accepted", "wrong file accepted", "traceback", "hang",
        "wrong exit code", "unclear message",
    ]  # fmt: skip
    groups = list(dict.fromkeys(r.case.group for r in results))
    print(
        f"{'group':<30} {'cases':>5} "
        + " ".join(f"{v[:12]:>12}" for v in verdicts)
        + f" {'peak MB':>8}"
    )
    for group in groups + ["all"]:
        mine = [r for r in results if group in ("all", r.case.group)]
        counts = [sum(r.verdict == v for r in mine) for v in verdicts]
        peak = max(r.peak_mb for r in mine)
        print(
            f"{group:<30} {len(mine):>5} " + " ".join(f"{c:>12}" for c in counts) + f" {peak:>8.0f}"
        )
    print(f"\n(hang: killed after {timeout:.0f} s; peak MB: the largest ru_maxrss of one child)")
    bad = [r for r in results if r.verdict not in ("clean message", "accepted")]
    if bad:
        print("\nNot clean:")
        for r in bad:
            first = (r.stderr.strip().splitlines() or [""])[-1][:150]
            print(
                f"  [{r.verdict}] {r.case.group} / {r.case.label}: exit {r.code}, {r.seconds:.1f} s: {first}"
            )
    print("\nValid-but-extreme scenarios (run --policy expert):")
    for r in results:
        if r.case.group.startswith("valid-but-extreme"):
            first = re.sub(r"\s+", " ", (r.stderr.strip().splitlines() or ["ok"])[0])[:90]
            shown = "killed" if r.code is None else f"exit {r.code}"
            print(
                f"  {r.case.label:<28} {shown:<7} {r.seconds:>7.1f} s {r.peak_mb:>7.0f} MB  {first}"
            )


if __name__ == "__main__":
    main()

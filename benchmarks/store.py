"""Store speed: fill a store with 100,000 drills, then time a leaderboard query for one drill
code and for one team, and the insert of one drill. Prints figures; asserts nothing.
Target: leaderboard <= 20 ms on SQLite. `--db postgresql://...` measures PostgreSQL instead.

`--memory N`: instead, the peak memory (RSS) of `verify` and `export` over N and N/4 stored
drills, each in a fresh process, next to holding every record at once (what they did before they
streamed). Streamed, their peak does not grow with the store."""

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from simulator.engine.runner import named_policy, play
from simulator.scenario import load_scenario
from simulator.scoring import score
from simulator.store import DrillRecord, Store, make_code
from simulator.store.chain import seal_existing

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
CODES, TEAMS = 200, 50


def median_ms(fn, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drills", type=int, default=100_000)
    parser.add_argument("--db", help="a store URL (default: a new SQLite file in a temp folder)")
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--memory", type=int, metavar="N", help="measure memory over N drills")
    args = parser.parse_args()

    scenario = load_scenario(SCENARIOS / "rude-reply.toml")
    scored = score(
        scenario, 1, play(scenario, 1, named_policy(scenario, "expert")).trajectory().applied
    )
    template = DrillRecord.start(make_code(scenario, 1), "x", "x")
    template.finish(scored)
    if args.memory:
        memory(args.memory, template)
        return
    url = args.db or str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    store = Store(url)
    rng = random.Random(1)
    rows = []
    for i in range(args.drills):
        seed = rng.randrange(CODES)
        record = DrillRecord(**(template.to_json() | {
            "name": f"trainee-{i}", "team": f"team-{rng.randrange(TEAMS)}",
            "code": str(make_code(scenario, seed)), "seed": seed,
        }))  # fmt: skip
        record.scorecard = json.loads(json.dumps(template.scorecard))
        record.scorecard["score"]["total"] = round(rng.uniform(-50, 100), 1)
        record.digest = record.content_digest()
        rows.append(list(store._row(record).values()))
    names = list(store._row(template))
    start = time.perf_counter()
    insert = f"INSERT INTO drills ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    with store.db.transaction():
        for chunk in range(0, len(rows), 5_000):
            for row in rows[chunk : chunk + 5_000]:
                store.db.execute(insert, row)
    fill = time.perf_counter() - start
    if store.db.name == "sqlite":
        store.db.execute("ANALYZE")
    else:
        store.db.execute("ANALYZE drills")
    code = str(make_code(scenario, 7))
    by_code = median_ms(lambda: store.leaderboard(code=code), args.repeats)
    by_team = median_ms(lambda: store.leaderboard(team="team-7"), args.repeats)
    teams = median_ms(lambda: store.teams(code=code), args.repeats)

    def insert_one() -> None:
        record = DrillRecord(**(template.to_json() | {"name": f"new-{rng.random()}"}))
        record.digest = record.content_digest()
        store.save(record)

    one = median_ms(insert_one, args.repeats)
    print(f"store: {store.db.name}, {args.drills:,} drills filled in {fill:.1f} s")
    for label, (median, worst) in (
        ("leaderboard, one drill code", by_code),
        ("leaderboard, one team", by_team),
        ("team standings, one code", teams),
        ("insert one drill", one),
    ):
        print(f"  {label:<28}: median {median:6.2f} ms, worst {worst:6.2f} ms")
    print("  target: leaderboard <= 20 ms (SQLite)")
    store.close()


# the child's own high-water mark (ru_maxrss would count the parent it was forked from, on Linux)
PEAK = "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
CHILDREN = {
    # every record stops before its replay (an empty library): the reading is what is measured
    "verify": "from simulator.store.transfer import verify_store\n"
    "with Store(url) as store: verify_store(store, {})",
    "export (jsonl)": "from simulator.cli import main\n"
    "main(['export', '--db', url, '-o', url + '.jsonl'])",
    "every record held at once": "from simulator.store.store import COLUMNS\n"
    "with Store(url) as store:\n"
    "    rows = store.db.execute(f'SELECT {COLUMNS} FROM drills')\n"
    "    held = [store.record(r) for r in rows]",
}


def memory(count: int, template: DrillRecord) -> None:
    """Peak RSS of each child over `count // 4` and `count` sealed drills (a fresh SQLite store
    each: the streaming is the same code on both backends)."""
    size = len(json.dumps(template.to_json()))
    print(f"peak memory (RSS, MB), one process each; a drill is {size:,} bytes of JSON")
    for n in (count // 4, count):
        folder = tempfile.TemporaryDirectory()
        url = str(Path(folder.name) / "memory.sqlite3")
        with Store(url) as store:
            names = list(store._row(template))
            insert = (
                f"INSERT INTO drills ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            )
            with store.db.transaction():
                for i in range(n):
                    record = DrillRecord(**(template.to_json() | {"name": f"trainee-{i}"}))
                    record.digest = record.content_digest()
                    store.db.execute(insert, list(store._row(record).values()))
                seal_existing(store.db)  # the chain, as migration 2 builds it
        figures = []
        for label, code in CHILDREN.items():
            script = (
                f"import sys\nfrom simulator.store import Store\nurl = sys.argv[1]\n{code}\n{PEAK}"
            )
            run = subprocess.run(
                [sys.executable, "-c", script, url], capture_output=True, text=True, check=True
            )
            figures.append(f"{label} {int(run.stdout.split()[-1]) // 1024}")
        print(f"  {n:>7,} drills: " + ", ".join(figures))
        folder.cleanup()


if __name__ == "__main__":
    main()

"""Store speed: fill a store with 100,000 drills, then time a leaderboard query for one drill
code and for one team, and the insert of one drill. Prints figures; asserts nothing.
Target: leaderboard <= 20 ms on SQLite. `--db postgresql://...` measures PostgreSQL instead."""

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from simulator.engine.runner import named_policy, play
from simulator.scenario import load_scenario
from simulator.scoring import score
from simulator.store import DrillRecord, Store, make_code

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
    args = parser.parse_args()

    scenario = load_scenario(SCENARIOS / "rude-reply.toml")
    scored = score(
        scenario, 1, play(scenario, 1, named_policy(scenario, "expert")).trajectory().applied
    )
    template = DrillRecord.start(make_code(scenario, 1), "x", "x")
    template.finish(scored)
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


if __name__ == "__main__":
    main()

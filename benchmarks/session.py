"""A session of 200 stored drills: the group debrief (with its counterfactuals) and the watch
screen's refresh for 200 live trainees (store read + rows). Targets (issue 16): debrief <= 2 s,
refresh <= 50 ms.

python benchmarks/session.py [--db URL]   (default: a fresh SQLite file in a temp folder)
"""

import argparse
import tempfile
import time
from pathlib import Path

from simulator.cli import library
from simulator.engine.runner import play
from simulator.scenario.model import PolicyStep
from simulator.scoring import score
from simulator.session import sessions
from simulator.session.debrief import group_debrief
from simulator.session.watch import watch_rows
from simulator.store import DrillRecord, Store, make_code
from simulator.store.records import now_iso

DRILLS = 200
SEED = 11
POLICIES = (  # a spread of plays, stored over and over (each stored drill is its own row)
    [(600, "analyse_scope"), (900, "public_apology"), (1200, "monitor")],
    [(600, "gather_facts"), (700, "analyse_scope"), (1000, "holding_statement")],
    [(500, "argue")],
    [(800, "analyse_scope"), (1100, "acknowledge_correct")],
    [],
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    store = Store(args.db or str(folder / "drills.sqlite3"))
    scenario = library()["rude-reply"]
    code = make_code(scenario, SEED)
    session = sessions.create(store, str(code))
    cards = []
    for steps in POLICIES:
        engine = play(scenario, SEED, [PolicyStep(at=t, action=a) for t, a in steps])
        cards.append(score(scenario, SEED, engine.trajectory().applied))
    live = []
    for i in range(DRILLS):
        record = DrillRecord.start(code, f"trainee-{i}", f"team-{i % 8}", session.code)
        record.finish(cards[i % len(cards)])
        store.save(record)
        live.append(DrillRecord.start(code, f"live-{i}", f"team-{i % 8}", session.code))
    live_session = sessions.create(store, str(code))
    for record in live:
        record.session = live_session.code
        record.actions = [
            {"t": 600.0, "action": "analyse_scope", "by": "trainee", "inject": None, "choice": None}
        ]
        drill_id = store.save(record)
        beat = sessions.Live(3600.0, 1234.0, 456.0, now_iso(), now_iso())
        sessions.heartbeat(store, drill_id, beat)

    t0 = time.perf_counter()
    drills = sessions.finished(store, session.code)
    debrief = group_debrief(session.code, str(code), scenario, SEED, drills)
    took = time.perf_counter() - t0
    print(f"group debrief of {len(drills)} drills, {len(debrief.points)} decision points "
          f"with counterfactuals: {took:.2f} s (target <= 2 s)")  # fmt: skip

    runs = 20
    t0 = time.perf_counter()
    for _ in range(runs):
        rows = watch_rows(scenario, sessions.trainees(store, live_session.code))
    took = (time.perf_counter() - t0) / runs
    print(f"watch refresh of {len(rows)} live trainees: {took * 1000:.1f} ms (target <= 50 ms)")
    store.close()


if __name__ == "__main__":
    main()

"""Several processes saving into one SQLite file at once (textual-serve runs one per visitor)."""

import json
import subprocess
import sys
from pathlib import Path

from simulator.store import Store
from tests.conftest import ROOT
from tests.store.conftest import finished

WRITER = """
import json, sys
from simulator.store import DrillRecord, Store
url, who, n, template = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
with Store(url) as store:
    for i in range(n):
        record = DrillRecord.from_json(template | {"name": f"{who}-{i}", "team": who})
        record.digest = record.content_digest()
        store.save(record)
print("done", flush=True)
"""


def test_four_processes_saving_200_drills_each_lose_nothing(tmp_path: Path) -> None:
    url = str(tmp_path / "shared.sqlite3")
    template = json.dumps(finished("rude-reply", 8, "playbook", "x", "x").to_json())
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, f"p{k}", "200", template],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    outputs = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0, 0], [err for _, err in outputs]
    assert all(out.strip() == "done" and err == "" for out, err in outputs)
    with Store(url) as store:
        done = list(store.done())
        assert len(done) == 800
        expected = {(f"p{k}", f"p{k}-{i}") for k in range(4) for i in range(200)}
        assert {(r.team, r.name) for r in done} == expected
        assert [t.count for t in store.teams()] == [200, 200, 200, 200]

"""`fit`: the engine's own curves give back the numbers they were drawn with, the written
scenario's ignore run redraws the curve, and a malformed CSV is one line with file:line."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from simulator.cli import main
from simulator.fit import fit_mentions, read_series
from simulator.fit.setting import ignore_counts, origin_weights
from simulator.scenario import load_scenario

KNOWN = Path(__file__).parent / "known.toml"
SHIPPED = (
    Path(__file__).resolve().parents[2] / "scenarios"
)  # exponential kernel, no injects, no star accounts
STEP = 600.0  # 10-minute bins, as a social-listening export would have them
SEEDS = range(1, 11)
# The tolerance of each recovered number, on every seed: the fit sees one run of ~12,000
# mentions, and the kernel's mean delay is the least determined of the dynamics.
WITHIN = {"background": 0.10, "base": 0.15, "fatigue": 0.40}  # relative error at most
DELAY_FACTOR = 2.5  # the mean delay within a factor 2.5
COVERED = 8  # each 95% interval holds the truth on at least 8 of the 10 seeds
START = datetime(2024, 3, 1, 8, tzinfo=UTC)


def export(counts: np.ndarray, path: Path, step: float = STEP) -> Path:
    """Counts as a social-listening CSV (ISO-8601 timestamps, one row per bin)."""
    rows = ["timestamp,mentions,negative"]
    for k, n in enumerate(counts):
        at = (START + timedelta(seconds=k * step)).isoformat().replace("+00:00", "Z")
        rows.append(f"{at},{n},{n // 2}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def known():
    return load_scenario(KNOWN)


@pytest.fixture(scope="module")
def fits(known, tmp_path_factory):
    """The engine's ignore run of the known scenario on each seed, exported and fitted."""
    bins = int(known.clock.duration // STEP)
    folder = tmp_path_factory.mktemp("curves")
    out = {}
    for seed in SEEDS:
        csv = export(ignore_counts(known, seed, STEP, bins), folder / f"{seed}.csv")
        out[seed] = fit_mentions(read_series(csv), known, "exponential")
    return out


def truth(known) -> dict[str, float]:
    c = known.cascade
    return {
        "background": c.background_rate / 3600,
        "base": c.base_infectiousness,
        "fatigue": c.fatigue_half_life,
        "mean_delay": c.mean_delay,
        "origin": c.base_infectiousness * origin_weights(known)[0],
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_recovers_the_engines_numbers(known, fits, seed: int) -> None:
    e, true = fits[seed].best.estimates, truth(known)
    for name, tolerance in WITHIN.items():
        assert abs(e[name].value / true[name] - 1) <= tolerance, (name, e[name], true[name])
    ratio = e["mean_delay"].value / true["mean_delay"]
    assert 1 / DELAY_FACTOR <= ratio <= DELAY_FACTOR, (e["mean_delay"], true["mean_delay"])
    assert fits[seed].best.r2 > 0.8


def test_intervals_hold_the_truth(known, fits) -> None:
    true = truth(known)
    for name, value in true.items():
        held = [
            f.best.estimates[name].low <= value <= f.best.estimates[name].high
            for f in fits.values()
        ]
        assert sum(held) >= COVERED, (name, held)


def test_written_scenario_redraws_the_curve(known, tmp_path: Path, capsys) -> None:
    """Into a copy with other numbers: only the cascade's lines change, its comments stay,
    and its ignore run (other seeds than the curve's) draws the curve again."""
    bins = int(known.clock.duration // STEP)
    counts = ignore_counts(known, 7, STEP, bins)
    csv = export(counts, tmp_path / "m.csv")
    text = KNOWN.read_text(encoding="utf-8")
    wrong = text.replace("base_infectiousness = 0.8", "base_infectiousness = 0.4  # a guess")
    wrong = wrong.replace('mean_delay = "30m"', 'mean_delay = "3h"')
    into = tmp_path / "guess.toml"
    into.write_text(wrong, encoding="utf-8")
    args = ["fit", str(csv), "--into", str(into), "--kernel", "exponential", "--bootstrap", "6"]
    assert main(args) == 0
    out = capsys.readouterr().out
    after = into.read_text(encoding="utf-8")
    changed = {a for a, b in zip(wrong.splitlines(), after.splitlines(), strict=True) if a != b}
    assert {line.split("=")[0].strip() for line in changed} <= {
        "kernel", "mean_delay", "base_infectiousness", "background_rate",
        "fatigue_half_life", "at", "followers",
    }  # fmt: skip
    assert "# a guess" in after and after.startswith("# A scenario with known cascade")
    fitted = load_scenario(into)
    assert abs(fitted.cascade.base_infectiousness - 0.8) <= 0.8 * WITHIN["base"]
    runs = np.array([ignore_counts(fitted, s, STEP, bins) for s in (11, 12, 13)]).mean(axis=0)
    assert abs(runs.sum() / counts.sum() - 1) < 0.1
    r2 = 1 - np.sum((counts - runs) ** 2) / np.sum((counts - counts.mean()) ** 2)
    assert r2 > 0.85
    assert "the ignore run of the scenario (seeds 1-3)" in out and "R² " in out
    boot = out.split("parametric bootstrap (6 ignore runs")[1]
    low, high = re.search(r"base infectiousness\s+([\d.]+) \.\. ([\d.]+)", boot).groups()
    assert float(low) <= 0.8 <= float(high)  # the truth, which the fit never saw


def test_origin_at_and_a_shipped_scenario_into_another_file(known, tmp_path: Path, capsys) -> None:
    """An hour of chatter before the crisis: the first bin with mentions is not its start,
    --origin-at 1h puts the origin there."""
    bins = int(known.clock.duration // STEP)
    counts = np.concatenate((np.full(6, 2), ignore_counts(known, 3, STEP, bins - 6)))
    csv = export(counts, tmp_path / "m.csv")
    out_file = tmp_path / "mine.toml"
    args = ["fit", str(csv), "--into", "rude-reply", "--out", str(out_file), "--check", "0"]
    assert main([*args, "--origin-at", "1h"]) == 0
    assert "the crisis starts at +1h" in capsys.readouterr().out
    written = load_scenario(out_file)
    assert written.id == "rude-reply" and written.cascade.origin[0].at == 3600.0
    assert written.injects == load_scenario(SHIPPED / "rude-reply.toml").injects


def test_a_file_that_cannot_be_rewritten_line_by_line(known, tmp_path: Path, capsys) -> None:
    """Origin posts written inline: the file is left alone, the values to set are named."""
    text = KNOWN.read_text(encoding="utf-8")
    start = text.index("[[cascade.origin]]")
    end = text.index("[clock]")
    inline = 'origin = [{ at = "0m", role = "critic", followers = 2000000, text = "Wow." }]\n\n'
    into = tmp_path / "inline.toml"
    into.write_text(text[:start].rstrip() + "\n" + inline + text[end:], encoding="utf-8")
    before = into.read_text(encoding="utf-8")
    bins = int(known.clock.duration // STEP)
    csv = export(ignore_counts(known, 4, STEP, bins), tmp_path / "m.csv")
    assert main(["fit", str(csv), "--into", str(into), "--kernel", "seismic"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{into}: " in err and "set these by hand" in err, err
    assert "followers = " in err and "base_infectiousness = " in err
    assert into.read_text(encoding="utf-8") == before


def test_without_a_scenario_prints_the_fields(known, tmp_path: Path, capsys) -> None:
    bins = int(known.clock.duration // STEP)
    csv = export(ignore_counts(known, 2, STEP, bins), tmp_path / "m.csv")
    assert main(["fit", str(csv)]) == 0
    out = capsys.readouterr().out
    for field in ("base_infectiousness = ", "background_rate = ", "fatigue_half_life = "):
        assert field in out
    assert "95% interval" in out and "deviance" in out and "(50% negative)" in out


GOOD = "timestamp,mentions\n" + "".join(
    f"2024-03-01T{h:02d}:00:00Z,{n}\n" for h, n in enumerate([5, 40, 60, 30, 20, 12, 8, 5, 3, 2])
)
MALFORMED = {
    "missing column": ("timestamp,negative\n2024-03-01T00:00:00Z,3\n", 1, "no count column"),
    "bad timestamp": (GOOD.replace("2024-03-01T03:00:00Z", "03/01/2024 3am"), 5, "ISO-8601"),
    "negative count": (GOOD.replace(",30\n", ",-30\n"), 5, "negative"),
    "time goes back": (GOOD.replace("T04:00", "T01:30"), 6, "time order"),
    "repeated time": (GOOD.replace("T04:00", "T03:00"), 6, "repeats"),
    "empty": ("", 1, "empty"),
    "only blank lines": ("\n\n  \n", 1, "empty"),
    "header only": ("timestamp,mentions\n", 1, "no data rows"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", 1, "not a text file"),
    "not utf-8": (b"timestamp,mentions\n2024-03-01T00:00:00Z,\xe9\n", 2, "not UTF-8"),
    "ragged row": (GOOD.replace(",60\n", ",60,7\n"), 4, "3 fields"),
    "not a number": (GOOD.replace(",60\n", ",lots\n"), 4, "not a number"),
    "not whole": (GOOD.replace(",60\n", ",6.5\n"), 4, "whole"),
    "off the grid": (GOOD.replace("T04:00:00", "T04:17:00"), 6, "grid"),
    "zones mixed": (GOOD.replace("T04:00:00Z", "T04:00:00"), 6, "without a zone"),
    "too short": ("timestamp,mentions\n2024-03-01T00:00:00Z,50\n", 2, "at least"),
    "too few mentions": (
        GOOD.split("\n", 1)[0] + "\n" + "".join(f"{h * 60},2\n" for h in range(10)),
        11,
        "only 20 mentions",
    ),
    "negative above count": (
        "timestamp,mentions,negative\n2024-03-01T00:00:00Z,3,4\n",
        2,
        "exceeds",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_csv_is_one_line_with_file_and_line(case: str, tmp_path: Path, capsys) -> None:
    content, line, words = MALFORMED[case]
    path = tmp_path / "mentions.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["fit", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{path}:{line}: " in err and words in err, err


def test_a_huge_file_is_refused_before_reading(tmp_path: Path, capsys) -> None:
    from simulator.fit.series import MAX_BYTES

    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    assert main(["fit", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}:1: too large" in err, err


def test_too_many_rows_is_refused(tmp_path: Path, capsys) -> None:
    from simulator.fit.series import MAX_BINS

    rows = "".join(f"{60 * k},1\n" for k in range(MAX_BINS + 1))
    path = tmp_path / "long.csv"
    path.write_text("time,count\n" + rows, encoding="utf-8")
    assert main(["fit", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{MAX_BINS + 2}: more than" in err and err.count("\n") == 1, err


def test_column_names_and_delimiters_of_common_exports(tmp_path: Path) -> None:
    """Brandwatch-like `Date;Mentions` with semicolons, a BOM and a missing (zero) bin."""
    rows = ["\ufeffDate (UTC);Total Mentions;Negative Mentions"]
    for h, n in [(0, 5), (1, 40), (2, 60), (4, 20), (5, 12), (6, 8), (7, 5), (8, 3), (9, 2)]:
        rows.append(f"2024-03-01 {h:02d}:00;{n};{n // 4}")
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    series = read_series(path)
    assert series.step == 3600.0
    assert series.counts.tolist() == [5, 40, 60, 0, 20, 12, 8, 5, 3, 2]
    assert series.negative is not None and series.negative[2] == 15


def test_usage_errors(tmp_path: Path, capsys) -> None:
    assert main(["fit", str(tmp_path / "nothing.csv")]) == 2
    path = tmp_path / "m.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["fit", str(path), "--out", str(tmp_path / "x.toml")]) == 2
    assert main(["fit", str(path), "--into", "rude-reply"]) == 2  # a shipped one: needs --out
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "Traceback" not in err

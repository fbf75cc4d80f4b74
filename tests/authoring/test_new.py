"""`crisis-drill new`: a complete, valid, commented scenario, refused where it cannot be made."""

import tomllib
from pathlib import Path

import pytest

from simulator.authoring import new
from simulator.authoring.new import locales, scaffold
from simulator.catalogue import ACTION_IDS, CLUSTERS
from simulator.cli import main
from simulator.engine.responses import requirement
from simulator.engine.runner import named_policy, play
from simulator.scenario import Scenario, load_scenario
from simulator.scoring import score


def written(tmp_path: Path, cluster: str, locale: str) -> Path:
    path = tmp_path / f"drill-{cluster}-{locale.lower().replace('_', '-')}.toml"
    code = main(["new", path.stem, "--cluster", cluster, "--locale", locale, "-o", str(path)])
    assert code == 0
    return path


@pytest.mark.parametrize("locale", locales())
@pytest.mark.parametrize("cluster", CLUSTERS)
def test_new_writes_a_valid_scenario_with_every_section(
    tmp_path: Path, cluster: str, locale: str
) -> None:
    path = written(tmp_path, cluster, locale)
    scenario = load_scenario(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert (scenario.id, scenario.crisis.cluster, scenario.locale) == (path.stem, cluster, locale)
    # every section of the model is written out, but the overrides (an example, commented)
    assert set(Scenario.model_fields) - set(data) == {"overrides"}
    assert "[overrides." in path.read_text(encoding="utf-8")
    assert tuple(scenario.actions or ()) == ACTION_IDS
    decision = [i for i in scenario.injects if i.decision is not None]
    assert decision and all(i.decision and i.decision.default for i in decision)
    assert [i for i in scenario.injects if i.when], "a contingency inject (on a condition)"
    assert [i for i in scenario.injects if i.reveal_truth], "a leak of the truth"
    texts = scenario.texts
    assert texts.complaint and texts.reply and texts.headlines and texts.brand
    assert set(scenario.debrief) == {o.id for o in scenario.objectives}


@pytest.mark.parametrize("cluster", CLUSTERS)
def test_the_scaffolds_expert_gives_the_response_its_cluster_needs(
    tmp_path: Path, cluster: str
) -> None:
    scenario = load_scenario(written(tmp_path, cluster, "en_US"))
    need = requirement(scenario).check
    assert need in {o.id for o in scenario.objectives}
    expert = play(scenario, 1, named_policy(scenario, "expert"))
    card = score(scenario, 1, expert.applied, annotate=False).card
    assert next(c for c in card.checks if c.id == need).passed
    assert all(c.passed for c in card.checks), [c for c in card.checks if not c.passed]


def test_a_language_without_scaffold_words_gets_the_english_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(new, "locales", lambda: ["en_US", "pt_BR"])
    text = scaffold("x", "victim", "pt_BR", "me")
    assert 'locale = "pt_BR"' in text and 'name = "Northwind Goods"' in text and "$" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "Bad_Id"], 'bad id "Bad_Id": use 1 to 64 lowercase letters'),
        (["new", "ok", "--cluster", "preventible"], "did you mean preventable?"),
        (["new", "ok", "--locale", "xx_YY"], 'unknown locale "xx_YY"'),
    ],
)
def test_new_refuses_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert not list(tmp_path.iterdir())


def test_new_never_overwrites_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text("# my work\n", encoding="utf-8")
    assert main(["new", "mine"]) == 2
    err = capsys.readouterr().err
    assert "mine.toml already exists" in err and err.count("\n") == 1
    assert (tmp_path / "mine.toml").read_text(encoding="utf-8") == "# my work\n"


def keys(table: dict, prefix: str = "") -> set[str]:
    """Every key of a TOML table, nested ones as dotted paths."""
    found = set()
    for key, value in table.items():
        found.add(prefix + key)
        if isinstance(value, dict):
            found |= keys(value, f"{prefix}{key}.")
    return found


@pytest.mark.parametrize("words", sorted((new.HERE / "scaffolds").glob("*.toml")), ids=str)
def test_every_language_of_the_scaffold_has_every_word(words: Path) -> None:
    english = tomllib.loads((new.HERE / "scaffolds" / "en.toml").read_text(encoding="utf-8"))
    theirs = tomllib.loads(words.read_text(encoding="utf-8"))
    assert keys(theirs) == keys(english)

import pytest

from simulator.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("90m", 5400), ("1h30m", 5400), ("2d", 172800), ("1.5h", 5400), ("0m", 0)],
)
def test_parse(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["90 minutes", "1 hour", "", "m", "10", "-5m", "1h 30x"])
def test_rejects_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError, match="bad duration"):
        parse_duration(text)


@pytest.mark.parametrize("seconds", [0, 59, 60, 3600, 5400, 90061])
def test_format_round_trips(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds

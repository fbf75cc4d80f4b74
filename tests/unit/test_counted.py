"""Counts read as words: one is singular (the watch screen said "1 trainees")."""

import pytest

from simulator.labels import counted


@pytest.mark.parametrize(
    ("n", "word", "text"),
    [(1, "trainee", "1 trainee"), (0, "trainee", "0 trainees"), (1200, "post", "1,200 posts")],
)
def test_counted(n: int, word: str, text: str) -> None:
    assert counted(n, word) == text

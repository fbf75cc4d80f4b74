from simulator.scenario.locate import locate, positions

TEXT = '''\
title = "x"  # a comment with [brackets]
notes = """
multi [line] = "string"
"""
[brand]
name = "Acme"
[[injects]]
id = "a"
[[injects]]
id = "b"
options = [
  { id = "one", action = "none" },
  { id = "two", action = "x" },
]
[injects.decision]
default = "one"
'''


def test_keys_tables_and_arrays_are_found() -> None:
    where = positions(TEXT)
    assert where[("title",)] == (1, 1)
    assert where[("brand", "name")] == (6, 1)
    assert where[("injects", 0, "id")] == (8, 1)
    assert where[("injects", 1, "id")] == (10, 1)
    assert where[("injects", 1, "options", 1, "action")] == (13, 17)
    assert where[("injects", 1, "decision", "default")] == (16, 1)
    assert ("multi",) not in where  # inside a multi-line string


def test_missing_paths_fall_back_to_their_nearest_ancestor() -> None:
    where = positions(TEXT)
    assert locate(where, ("brand", "handle")) == (5, 1)
    assert locate(where, ("nothing",)) == (1, 1)

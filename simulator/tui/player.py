"""Who plays: a name and a team, typed on the home screen and remembered in the data folder."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from simulator.plain import clean_name as clean

FILE = "player.json"


@dataclass(frozen=True)
class Player:
    name: str
    team: str

    @classmethod
    def typed(cls, name: str, team: str, default: "Player") -> "Player":
        """A player from what was typed; an empty field keeps the default's."""
        return cls(clean(name) or default.name, clean(team) or default.team)


DEFAULT_PLAYER = Player("trainee", "solo")


def remembered(data_dir: Path) -> Player | None:
    """The player last typed on the home screen, if any (an unreadable file is ignored)."""
    try:
        data = json.loads((data_dir / FILE).read_text(encoding="utf-8"))
        name, team = clean(str(data["name"])), clean(str(data["team"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Player(name, team) if name and team else None


def remember(data_dir: Path, player: Player) -> None:
    """Keep the player for the next start (in the data folder)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / FILE).write_text(json.dumps(asdict(player)), encoding="utf-8")

"""Where each key and array element of a TOML text stands, for file:line:col messages.

A small scanner that follows TOML's structure (tables, arrays of tables, dotted keys, inline
tables and arrays, all four string forms) and records the position of every path. It runs only
on text that tomllib has already accepted, so it does not validate anything itself.
"""

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line_starts = [0]
        for n, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(n + 1)
        self.positions: dict[Path, Position] = {}
        self.array_tables: dict[Path, int] = {}

    def pos(self, i: int) -> Position:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= i:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, i - self.line_starts[lo] + 1

    def peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""

    def skip_space(self, newlines: bool) -> None:
        while self.i < len(self.text):
            ch = self.text[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.i += 1
            elif ch == "#":
                while self.i < len(self.text) and self.text[self.i] != "\n":
                    self.i += 1
            else:
                return

    def string(self) -> str:
        quote = self.text[self.i]
        if self.text.startswith(quote * 3, self.i):
            end = self.text.find(quote * 3, self.i + 3)
            while quote == '"' and end > 0 and self._escaped(end):
                end = self.text.find(quote * 3, end + 1)
            end = len(self.text) if end < 0 else end + 3
            while self.text.startswith(quote, end):  # up to two quotes may close the body
                end += 1
            value, self.i = self.text[self.i + 3 : end - 3], end
            return value
        j = self.i + 1
        while j < len(self.text) and self.text[j] != quote:
            j += 2 if quote == '"' and self.text[j] == "\\" else 1
        value, self.i = self.text[self.i + 1 : j], j + 1
        return value

    def _escaped(self, at: int) -> bool:
        n = 0
        while at - n - 1 >= 0 and self.text[at - n - 1] == "\\":
            n += 1
        return n % 2 == 1

    def key(self) -> list[str]:
        parts = []
        while True:
            self.skip_space(False)
            if self.peek() in "\"'":
                parts.append(self.string())
            else:
                j = self.i
                while j < len(self.text) and (self.text[j].isalnum() or self.text[j] in "_-"):
                    j += 1
                parts.append(self.text[self.i : j])
                self.i = j
            self.skip_space(False)
            if self.peek() != ".":
                return parts
            self.i += 1

    def value(self, path: Path) -> None:
        self.skip_space(False)
        ch = self.peek()
        if ch in "\"'":
            self.string()
        elif ch == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_space(True)
                if self.peek() in ("]", ""):
                    self.i += 1
                    return
                if self.peek() == ",":
                    self.i += 1
                    continue
                self.positions.setdefault(path + (index,), self.pos(self.i))
                self.value(path + (index,))
                index += 1
        elif ch == "{":
            self.i += 1
            while True:
                self.skip_space(False)
                if self.peek() in ("}", ""):
                    self.i += 1
                    return
                if self.peek() == ",":
                    self.i += 1
                    continue
                self.key_value(path)
        else:
            while self.i < len(self.text) and self.text[self.i] not in ",]}\n#":
                self.i += 1

    def key_value(self, table: Path) -> None:
        start = self.i
        parts = self.key()
        full = table + tuple(parts)
        for n in range(1, len(parts) + 1):
            self.positions.setdefault(table + tuple(parts[:n]), self.pos(start))
        self.skip_space(False)
        self.i += 1  # "="
        self.value(full)

    def header(self) -> Path:
        start = self.i
        double = self.text.startswith("[[", self.i)
        self.i += 2 if double else 1
        parts = self.key()
        self.i += 2 if double else 1
        path: Path = ()
        for n, part in enumerate(parts):
            path += (part,)
            last = n == len(parts) - 1
            if double and last:
                count = self.array_tables.get(path, -1) + 1
                self.array_tables[path] = count
                self.positions.setdefault(path, self.pos(start))
                path += (count,)
            elif path in self.array_tables:
                path += (self.array_tables[path],)
            self.positions.setdefault(path, self.pos(start))
        return path

    def run(self) -> dict[Path, Position]:
        table: Path = ()
        while True:
            self.skip_space(True)
            if self.i >= len(self.text):
                return self.positions
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)


def positions(text: str) -> dict[Path, Position]:
    """Map every key path (and array element) in a valid TOML text to its line and column."""
    return _Scanner(text).run()


def locate(where: dict[Path, Position], path: Path) -> Position:
    """Position of `path`, or of its nearest ancestor present in the file (1:1 if none)."""
    for n in range(len(path), 0, -1):
        if path[:n] in where:
            return where[path[:n]]
    return (1, 1)

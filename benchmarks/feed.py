"""Feed texts: how many post texts the banks compose per second, and what the banks weigh.
Prints figures; asserts nothing. Target (issue 12): >= 50,000 texts/s."""

import argparse
import time
import tracemalloc
from pathlib import Path

from simulator.engine.runner import named_policy, play
from simulator.engine.voices import KINDS_WITH_TEXT, Voices, pools, post_records
from simulator.scenario import load_scenario
from simulator.texts import load_bank

ROOT = Path(__file__).resolve().parent.parent


def bank_memory(locale: str) -> tuple[float, float]:
    """KiB allocated to load a bank, and the Faker pools of its locale (cold)."""
    load_bank.cache_clear()
    pools.cache_clear()
    tracemalloc.start()
    load_bank(locale)
    banks = tracemalloc.get_traced_memory()[0]
    pools(locale)
    total = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return banks / 1024, (total - banks) / 1024


def texts_per_second(voices: Voices, n: int) -> float:
    marks = KINDS_WITH_TEXT
    start = time.perf_counter()
    for i in range(n):
        kind, sentiment = marks[i % len(marks)]
        voices.line(i * 7919, i % 5000, kind, sentiment, None, 60.0 * (i % 600), "X")
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=200_000)
    args = parser.parse_args()
    for locale in ("en_US", "es_ES"):
        bank_kib, pools_kib = bank_memory(locale)
        print(f"bank {locale}: {bank_kib:,.0f} KiB, Faker pools {pools_kib:,.0f} KiB")
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        scenario = load_scenario(path)
        engine = play(scenario, 1, named_policy(scenario, "expert"))
        voices = Voices(scenario, 1, engine.trajectory())
        voices.line(0, 0, "share", "negative", None)  # pools and bank warm
        rate = texts_per_second(voices, args.texts)
        start = time.perf_counter()
        records = post_records(engine.trajectory(), voices)
        whole = len(records) / (time.perf_counter() - start)
        print(
            f"{scenario.id:<14} {rate:>9,.0f} texts/s (target >= 50,000) · "
            f"post_records {whole:,.0f} posts/s over {len(records):,} posts"
        )


if __name__ == "__main__":
    main()

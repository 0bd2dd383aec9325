"""Load time, memory and matching speed of the places gazetteer.

    python benchmarks/gazetteer_load.py

Prints one line per figure. Memory is the growth of the process's resident set
(what the OS sees) and Python's own allocation peak (tracemalloc), both measured
around the first table load, after the modules are imported.
"""

from __future__ import annotations

import time
import tracemalloc

SENTENCES = [
    "Forty militiamen laid down their arms in the northern province of Sar-e-Pol on Sunday.",
    "A police commander and his guards crossed over near Asadabad, the capital of Kunar.",
    "Officials in Herat and Farah said the men had been promised an amnesty.",
    "Two National Guard sergeants walked across the bridge into Cúcuta.",
    "Mullah Mirwais told reporters that the talks in Kabul had stalled in May.",
    "Soldiers of the junta surrendered in Laukkai, in northern Shan State.",
]


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 1e6


def main() -> None:
    from sideswitch.extract.places import Gazetteer
    from sideswitch.lexicon.gazetteer import DATA_DIR, Tables

    before = rss_mb()
    t0 = time.perf_counter()
    g = Gazetteer.default()
    _ = g.tables
    load = time.perf_counter() - t0
    print(f"load: {load:.2f} s")
    print(f"memory: +{rss_mb() - before:.0f} MB resident after the first load")
    tracemalloc.start()  # a second, traced load (tracemalloc slows it down)
    again = Tables(DATA_DIR)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del again
    print(f"memory: {held / 1e6:.0f} MB held by the tables, {peak / 1e6:.0f} MB peak while loading")
    text = " ".join(SENTENCES) * 50
    t0 = time.perf_counter()
    found = g.find(text)
    took = time.perf_counter() - t0
    print(f"find: {len(text) / took / 1000:.0f}k chars/s ({len(found)} mentions in {len(text):,} chars)")


if __name__ == "__main__":
    main()

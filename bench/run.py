"""Run every benchmark under bench/ (the Makefile's `bench` target calls this).

Each benchmark is a module here with a `main(argv) -> dict` entry point; pass its own
options after its name, e.g. `bench/run.py import_members --rows 5000`.
"""

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BENCHMARKS = ["import_members", "audit_append", "exports", "evaluations", "pages"]
# PostgreSQL clusters of its own: `make bench-national` runs it, `bench/run.py replica` alone;
# synth: databases of its own on the PostgreSQL server at --server (`make bench-synth`).
OPTIONAL = ["replica", "national", "synth"]


def main(argv: list[str]) -> int:
    names = BENCHMARKS + OPTIONAL
    selected = [a for a in argv if a in names] or BENCHMARKS
    options = [a for a in argv if a not in names]
    for name in selected:
        print(f"== {name}")
        importlib.import_module(name).main(options)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Run every benchmark in bench/ with its default size; copy the tables into bench/RESULTS.md."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    status = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name == "run.py" or script.name.startswith("_"):  # helpers, not benches
            continue
        print(f"## {script.stem}", flush=True)
        status |= subprocess.run([sys.executable, str(script)]).returncode
    sys.exit(status)

"""Quality gates: run every eval/<capability>.py and fail when a score drops below its pinned floor.

Each capability module exposes `run(shared: Path) -> dict[str, float]`; its floors live in
eval/floors/<capability>.json ({"metric": floor, ...}). Floors only go up.
A capability whose gold data is absent is skipped with a message (a user's clone has no ../shared).
"""
from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MissingData  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared")).resolve()


def load(capability: str):
    spec = importlib.util.spec_from_file_location(f"eval_{capability}", HERE / f"{capability}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    wanted = set(argv)
    failures: list[str] = []
    for floor_file in sorted((HERE / "floors").glob("*.json")):
        capability = floor_file.stem
        if wanted and capability not in wanted:
            continue
        floors = json.loads(floor_file.read_text())
        if not SHARED.is_dir():
            print(f"[skip] {capability}: shared data not found at {SHARED} (set NEWSDESK_SHARED)")
            continue
        started = time.perf_counter()
        try:
            scores = load(capability).run(SHARED)
        except MissingData as missing:
            print(f"[skip] {capability}: {missing}")
            continue
        took = time.perf_counter() - started
        for metric, floor in sorted(floors.items()):
            score = scores.get(metric)
            ok = score is not None and score + 1e-9 >= floor
            shown = "missing" if score is None else f"{score:.4f}"
            print(f"[{'ok' if ok else 'FAIL'}] {capability}.{metric} = {shown} (floor {floor})")
            if not ok:
                failures.append(f"{capability}.{metric}")
        print(f"       {capability}: {took:.1f}s")
    if failures:
        print("below floor: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

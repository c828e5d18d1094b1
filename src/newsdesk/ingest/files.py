"""Which files a run reads: given files and folders (recursive), hidden ones left out."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from newsdesk.model import Skip


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skip]:
    """Each file once: given files as they are, folders walked in sorted order.

    Hidden files and folders (names starting with ".") inside a folder are left out; a
    file named explicitly is read even when hidden. A missing path is a Skip "not found".
    """
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except FileNotFoundError:
            yield Skip(str(given), "not found")
            continue
        except OSError as error:
            yield Skip(str(given), f"cannot open: {error.strerror or error}")
            continue
        if is_folder:
            yield from _walk(path, seen, set())
        elif _first_time(path, seen):
            yield path


def _walk(folder: Path, seen: set[str], visited: set[str]) -> Iterator[Path | Skip]:
    real = os.path.realpath(folder)
    if real in visited:  # a symlink loop
        return
    visited.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted((entry.name, entry.is_dir()) for entry in scan if not entry.name.startswith("."))
    except PermissionError:
        yield Skip(str(folder), "permission denied: cannot list this folder (check its permissions)")
        return
    except OSError as error:
        yield Skip(str(folder), f"cannot list this folder: {error.strerror or error}")
        return
    for name, is_folder in entries:
        path = folder / name
        if is_folder:
            yield from _walk(path, seen, visited)
        elif _first_time(path, seen):
            yield path


def _first_time(path: Path, seen: set[str]) -> bool:
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True

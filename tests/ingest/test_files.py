from pathlib import Path

from newsdesk.ingest import iter_files
from newsdesk.model import Skip


def test_folders_are_walked_in_sorted_order_without_hidden_files(tmp_path):
    for name in ["b.txt", "a/z.html", "a/c.jsonl", ".git/config", "a/.versteckt.txt", "C.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = [str(p.relative_to(tmp_path)) for p in iter_files([tmp_path])]
    assert found == ["C.txt", "a/c.jsonl", "a/z.html", "b.txt"]


def test_missing_paths_and_duplicates(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    hidden = tmp_path / ".notiz.txt"
    hidden.write_text("x")
    found = list(iter_files([tmp_path / "fehlt", tmp_path, str(tmp_path / "a.txt"), hidden]))
    assert found == [Skip(str(tmp_path / "fehlt"), "not found"), tmp_path / "a.txt", hidden]
    assert all(isinstance(p, (Path, Skip)) for p in found)


def test_symlink_loops_end(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    (tmp_path / "sub" / "schleife").symlink_to(tmp_path)
    assert [p.name for p in iter_files([tmp_path])] == ["a.txt"]

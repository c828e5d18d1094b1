import os
from pathlib import Path

import pytest

from newsdesk.ingest import ReadSettings, read_file, read_paths
from newsdesk.model import RawArticle, Skip

GERMAN = (
    "Hitzewelle: Städte öffnen Kühlräume\n"
    "\n"
    "Dienstag, 16. Juli 2024\n"
    "Wetter\n"
    "\n"
    "„Trinken Sie genug“, rät das Gesundheitsamt. Der Eintritt in die Bäder kostet nur 2 €.\n"
)


def only(items):
    [item] = list(items)
    return item


def test_text_file_in_cp1252_with_crlf(tmp_path):
    path = tmp_path / "hitze.txt"
    path.write_bytes(GERMAN.replace("\n", "\r\n").encode("cp1252"))
    article = only(read_file(path))
    assert article.raw == GERMAN.replace("\r\n", "\n")
    assert (article.title, article.published) == ("Hitzewelle: Städte öffnen Kühlräume", "2024-07-16")
    assert "„Trinken Sie genug“" in article.raw and "2 €" in article.raw
    assert (article.identity, article.path) == ("hitze.txt", str(path))
    for removal in article.header:
        assert article.raw[removal.raw_start:removal.raw_end] == removal.text


def test_latin1_and_utf8_sig_text(tmp_path):
    text = "L'été à Genève : la température a dépassé 35 degrés, a indiqué MétéoSuisse.\n"
    latin = tmp_path / "ete.txt"
    latin.write_bytes(text.encode("latin-1"))
    bom = tmp_path / "ete-bom.txt"
    bom.write_bytes(text.encode("utf-8-sig"))
    assert only(read_file(latin)).raw == text
    assert only(read_file(bom)).raw == text


def test_unknown_suffix_is_read_as_text(tmp_path):
    path = tmp_path / "meldung.md"
    path.write_text("Die Stadt öffnet am Montag ein neues Schwimmbad.\n", encoding="utf-8")
    assert only(read_file(path)).raw.startswith("Die Stadt")


def test_html_content_in_a_text_file_is_read_as_html(tmp_path):
    path = tmp_path / "gespeichert.txt"
    path.write_text(
        "<!DOCTYPE html><html><body><article><p>Die Stadt öffnet am Montag ein neues Schwimmbad "
        "mit drei Becken und einer Sauna.</p></article></body></html>",
        encoding="utf-8",
    )
    assert only(read_file(path)).raw == "Die Stadt öffnet am Montag ein neues Schwimmbad mit drei Becken und einer Sauna."


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("leer.txt", b"", "empty file"),
        ("leer.html", b"", "empty file"),
        ("leer.jsonl", b"", "empty file"),
        ("nur-leerzeilen.jsonl", b"\n\n  \n", "no records"),
        ("nur-leerzeichen.txt", b"  \n\t\r\n  ", "only whitespace"),
        ("bild.dat", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("rauschen.txt", bytes(range(256)) * 4, "binary"),
        ("dokument.pdf", b"%PDF-1.7\n", ".pdf files are not read"),
    ],
)
def test_bad_inputs_are_skipped_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    skip = only(read_file(path))
    assert isinstance(skip, Skip) and skip.path == str(path)
    assert reason in skip.reason


def test_too_large_file_is_skipped_and_says_what_to_do(tmp_path):
    path = tmp_path / "gross.txt"
    path.write_text("Ein Satz über das Wetter. " * 100)
    skip = only(read_file(path, ReadSettings(max_bytes=1000)))
    assert isinstance(skip, Skip)
    assert skip.reason.startswith("larger than 1 kB") and "max_bytes" in skip.reason


def test_a_50_mb_file_is_skipped_with_the_default_limit_and_the_rest_is_read(tmp_path):
    big = tmp_path / "riesig.txt"
    with big.open("wb") as handle:  # 50 MB of real text, not a sparse file
        line = "Der Stadtrat tagte bis spät in die Nacht und beschloss den Haushalt. ".encode("utf-8")
        for _ in range(50 * 1_000_000 // len(line) + 1):
            handle.write(line)
    (tmp_path / "klein.txt").write_text("Der Stadtrat tagte am Montag.", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [(type(i).__name__, Path(i.path).name) for i in items] == [("RawArticle", "klein.txt"), ("Skip", "riesig.txt")]
    assert items[1].reason.startswith("larger than 20 MB") and "max_bytes" in items[1].reason


def test_gzip_too_large_after_unpacking(tmp_path):
    import gzip

    path = tmp_path / "gross.txt.gz"
    path.write_bytes(gzip.compress(b"Wetter " * 1000))
    assert "larger than" in only(read_file(path, ReadSettings(max_bytes=1000))).reason
    broken = tmp_path / "kaputt.txt.gz"
    broken.write_bytes(gzip.compress(b"Wetter " * 1000)[:40])
    assert "gzip" in only(read_file(broken)).reason


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "geheim.txt"
    path.write_text("Vertraulich.")
    real_open = open

    def refuse(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    skip = only(read_file(path))
    assert skip == Skip(str(path), "permission denied: cannot read this file (check its permissions)")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads every file")
def test_unreadable_file_for_real(tmp_path):
    path = tmp_path / "geheim.txt"
    path.write_text("Vertraulich.")
    path.chmod(0)
    assert "permission denied" in only(read_file(path)).reason


def test_missing_file_folder_and_pipe(tmp_path):
    assert only(read_file(tmp_path / "fehlt.txt")) == Skip(str(tmp_path / "fehlt.txt"), "not found")
    assert "folder" in only(read_file(tmp_path)).reason
    pipe = tmp_path / "rohr"
    os.mkfifo(pipe)
    assert "not a regular file" in only(read_file(pipe)).reason


def test_one_bad_file_does_not_stop_the_run(tmp_path):
    (tmp_path / "a.txt").write_text("Erste Meldung aus Hamburg.")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.jsonl").write_text('{"text": "Zweite Meldung."}\nkein json\n{"text": "Dritte Meldung."}\n')
    items = list(read_paths([tmp_path, tmp_path / "fehlt"]))
    assert [(type(i).__name__, Path(i.path).name) for i in items] == [
        ("RawArticle", "a.txt"),
        ("Skip", "b.txt"),
        ("RawArticle", "c.jsonl#1"),
        ("Skip", "c.jsonl#2"),
        ("RawArticle", "c.jsonl#3"),
        ("Skip", "fehlt"),
    ]


def test_unexpected_failure_becomes_a_skip(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("Eine Meldung.")

    def explode(*args):
        raise RuntimeError("kaputt")

    monkeypatch.setattr("newsdesk.ingest.read.read_text", explode)
    skip = only(read_file(path))
    assert isinstance(skip, Skip) and "RuntimeError: kaputt" in skip.reason


def test_reading_is_deterministic(tmp_path):
    (tmp_path / "x.txt").write_text(GERMAN)
    assert list(read_paths([tmp_path])) == list(read_paths([tmp_path]))


def test_forced_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Größe".encode("cp850"))
    assert only(read_file(path, ReadSettings(encoding="cp850"))).raw == "Größe"
    assert isinstance(only(read_file(path)), RawArticle)



@pytest.mark.parametrize("part_bytes", [1, 40, 90, 1000])
def test_a_jsonl_file_read_in_parts_reads_as_the_whole_file(tmp_path, part_bytes):
    """Parts cut at line ends give the same articles and skips, with the same line numbers, as the
    whole file: a BOM, blank lines, a bad line and a line over the limit included."""
    from newsdesk.ingest.read import file_parts, read_part

    lines = ['\ufeff{"text": "Erste Meldung über den Streik."}', "", '{"text": "Zweite Meldung."}', "{kaputt",
             '{"text": "' + "lang " * 30 + '"}', "  ", '{"text": "Letzte Meldung ohne Zeilenende."}']
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    settings = ReadSettings(max_bytes=100)
    parts = file_parts(path, path.stat().st_size, part_bytes)
    assert (len(parts) > 1) == (part_bytes < path.stat().st_size)
    assert [a for part in parts for a in read_part(part, settings)] == list(read_file(path, settings))


def test_a_jsonl_file_of_blank_lines_in_parts_has_no_records_in_any_part(tmp_path):
    from newsdesk.ingest.read import file_parts, read_part

    path = tmp_path / "blank.jsonl"
    path.write_text("\n" * 50)
    parts = file_parts(path, 50, 10)
    assert len(parts) == 5 and not [a for part in parts for a in read_part(part)]
    assert [s.reason for s in read_file(path)] == ["JSONL file has no records (only blank lines)"]

import json

from hypothesis import given, strategies as st

from newsdesk.ingest import ReadSettings, read_file
from newsdesk.model import RawArticle, Skip

RECORDS = [
    {
        "text": "Die Europäische Zentralbank senkt den Leitzins erstmals seit 2019.\r\n\r\nDie Entscheidung fiel einstimmig.",
        "title": "EZB senkt Leitzins",
        "published": "2024-06-06T14:15:00+02:00",
        "source": "Wirtschaftsblatt",
        "url": "https://wirtschaftsblatt.example/ezb-zins",
        "language": "de",
    },
    {"text": "The European Central Bank cut interest rates for the first time since 2019.", "published": "June 6, 2024"},
]


def write_jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_one_article_per_line_and_bad_lines_skipped(tmp_path):
    path = write_jsonl(
        tmp_path / "zins.jsonl",
        [
            json.dumps(RECORDS[0], ensure_ascii=False),
            '{"text": "Abgebrochen, "title": 1}',
            "",
            json.dumps({"title": "Nur ein Titel"}),
            json.dumps(["keine", "Objekte"]),
            json.dumps(RECORDS[1]),
        ],
    )
    items = list(read_file(path))
    assert [type(item).__name__ for item in items] == ["RawArticle", "Skip", "Skip", "Skip", "RawArticle"]
    first, bad, no_text, not_object, last = items
    assert first.identity == first.url == "https://wirtschaftsblatt.example/ezb-zins"
    assert first.path == f"{path}#1"
    assert first.raw == "Die Europäische Zentralbank senkt den Leitzins erstmals seit 2019.\n\nDie Entscheidung fiel einstimmig."
    assert (first.title, first.published, first.source, first.language) == (
        "EZB senkt Leitzins", "2024-06-06T14:15:00+02:00", "Wirtschaftsblatt", "de"
    )
    assert bad.path == f"{path}#2" and bad.reason.startswith("invalid JSON: ")
    assert no_text.path == f"{path}#4" and '"text"' in no_text.reason
    assert not_object.path == f"{path}#5" and "JSON object" in not_object.reason
    assert last.identity == "zins.jsonl#6" and last.url is None
    assert last.published == "2024-06-06"


def test_header_lines_inside_a_record_are_recognised(tmp_path):
    text = "Streik bei der Bahn\n\n05.03.2024\n\nDie Gewerkschaft ruft erneut zum Streik auf."
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps({"text": text})])
    [article] = list(read_file(path))
    assert (article.title, article.published) == ("Streik bei der Bahn", "2024-03-05")
    assert [r.reason for r in article.header] == ["title line", "date line"]


def test_a_line_over_the_limit_is_skipped_and_the_rest_is_read(tmp_path):
    path = write_jsonl(
        tmp_path / "gross.jsonl",
        [json.dumps({"text": "Ä" * 400}), json.dumps({"text": "Kurze Meldung aus Berlin."})],
    )
    skip, article = list(read_file(path, ReadSettings(max_bytes=200)))
    assert isinstance(skip, Skip) and skip.path == f"{path}#1" and "max_bytes" in skip.reason
    assert isinstance(article, RawArticle) and article.identity == "gross.jsonl#2"


def test_cp1252_line_in_a_utf8_file(tmp_path):
    path = tmp_path / "gemischt.jsonl"
    path.write_bytes(
        json.dumps({"text": "Größe in UTF-8."}, ensure_ascii=False).encode("utf-8")
        + b"\n"
        + json.dumps({"text": "„Zitat“ kostet 5 €."}, ensure_ascii=False).encode("cp1252")
        + b"\n"
    )
    first, second = list(read_file(path))
    assert (first.raw, second.raw) == ("Größe in UTF-8.", "„Zitat“ kostet 5 €.")


def test_gzipped_jsonl(tmp_path):
    import gzip

    path = tmp_path / "zins.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(RECORDS[1]) + "\n").encode()))
    [article] = list(read_file(path))
    assert article.identity == "zins.jsonl.gz#1"
    assert article.raw.startswith("The European Central Bank")


def test_json_file_with_one_article_or_a_list(tmp_path):
    single = tmp_path / "ezb.json"
    single.write_text(json.dumps(RECORDS[0], ensure_ascii=False, indent=2), encoding="utf-8")
    [article] = list(read_file(single))
    assert (article.identity, article.path, article.title) == (RECORDS[0]["url"], str(single), "EZB senkt Leitzins")
    listed = tmp_path / "export.json"
    listed.write_text(json.dumps([RECORDS[1], {"title": "ohne Text"}, "kein Objekt"]), encoding="utf-8")
    article, no_text, not_object = list(read_file(listed))
    assert (article.identity, article.path) == ("export.json#1", f"{listed}#1")
    assert no_text.path == f"{listed}#2" and '"text"' in no_text.reason
    assert not_object.path == f"{listed}#3"
    config = tmp_path / "settings.json"
    config.write_text('{"theme": "dark"}')
    assert '"text"' in list(read_file(config))[0].reason
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": ')
    assert list(read_file(broken))[0].reason.startswith("invalid JSON")


@given(st.binary(max_size=20) | st.text(" \t\n\r\x0b\x0c\x1c\x85\xa0x", max_size=6).map(lambda t: t.encode("utf-8")))
def test_a_blank_line_is_what_strip_leaves_empty(line):
    assert (not line or line.isspace()) == (not line.strip())

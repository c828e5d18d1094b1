import gzip
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.ingest import read_file
from newsdesk.model import RawArticle, Skip

PAGE = """<html lang="{lang}"><head><title>{title}</title><meta property="og:site_name" content="{site}"></head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a> <a href="/kontakt">Kontakt</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>© Verlag 2024 · Impressum · Datenschutz</footer></body></html>"""

GERMAN = PAGE.format(
    lang="de",
    title="Bundestag beschließt Haushalt",
    site="Hauptstadtblatt",
    paragraphs="<p>Der Bundestag hat am Freitag den Haushalt für das kommende Jahr mit knapper Mehrheit beschlossen.</p>"
    "<p>Die Opposition kritisierte vor allem die Kürzungen bei der Förderung erneuerbarer Energien.</p>",
)
FRENCH = PAGE.format(
    lang="fr",
    title="Le Parlement adopte le budget",
    site="La Gazette",
    paragraphs="<p>Les députés ont adopté vendredi le budget de l'année prochaine à une courte majorité.</p>"
    "<p>L'opposition a dénoncé les coupes dans les aides aux énergies renouvelables.</p>",
)


def add_response(writer, url, body: bytes, status="200 OK", content_type="text/html; charset=utf-8"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))


def write_crawl(compressed: bool) -> bytes:
    output = BytesIO()
    writer = WARCWriter(output, gzip=compressed)
    writer.write_record(writer.create_warc_record("", "warcinfo", payload=BytesIO(b"software: test"), warc_content_type="application/warc-fields"))
    writer.write_record(
        writer.create_warc_record(
            "https://hauptstadtblatt.example/haushalt", "request", payload=BytesIO(b"GET /haushalt HTTP/1.1\r\n\r\n"),
            warc_content_type="application/http; msgtype=request",
        )
    )
    add_response(writer, "https://hauptstadtblatt.example/haushalt", GERMAN.encode("utf-8"))
    add_response(writer, "https://hauptstadtblatt.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    add_response(writer, "https://hauptstadtblatt.example/alt", b"<html>Not found</html>", status="404 Not Found")
    add_response(writer, "https://gazette.example/budget", FRENCH.encode("cp1252"), content_type="text/html; charset=windows-1252")
    add_response(writer, "https://gazette.example/vide", b"<html><body><script>x()</script></body></html>")
    return output.getvalue()


def test_warc_gz_html_responses_become_articles(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(write_crawl(compressed=True))
    german, french, empty = list(read_file(path))
    assert isinstance(german, RawArticle) and isinstance(french, RawArticle)
    assert german.identity == german.url == "https://hauptstadtblatt.example/haushalt"
    assert (german.title, german.source, german.language) == ("Bundestag beschließt Haushalt", "Hauptstadtblatt", "de")
    assert "mit knapper Mehrheit beschlossen" in german.raw
    assert "Impressum" not in german.raw and "Kontakt" not in german.raw
    assert german.path == str(path)
    assert french.url == "https://gazette.example/budget"
    assert "Les députés ont adopté vendredi le budget" in french.raw
    assert isinstance(empty, Skip) and empty.path.startswith(f"{path}#") and "gazette.example/vide" in empty.reason


def test_uncompressed_warc_and_sniffed_by_content(tmp_path):
    data = write_crawl(compressed=False)
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(data)
    unnamed = tmp_path / "crawl.dat"
    unnamed.write_bytes(data)
    expected = ["https://hauptstadtblatt.example/haushalt", "https://gazette.example/budget"]
    for path in (plain, unnamed):
        assert [item.url for item in read_file(path) if isinstance(item, RawArticle)] == expected


def test_truncated_warc_keeps_what_came_before(tmp_path):
    data = write_crawl(compressed=True)
    path = tmp_path / "abgebrochen.warc.gz"
    path.write_bytes(data[: len(data) - 300])
    items = list(read_file(path))
    assert isinstance(items[0], RawArticle) and items[0].url == "https://hauptstadtblatt.example/haushalt"
    assert isinstance(items[-1], Skip) and items[-1].path == str(path)


def test_not_a_warc(tmp_path):
    path = tmp_path / "falsch.warc"
    path.write_text("Das ist kein WARC, sondern eine Notiz.\n")
    [skip] = list(read_file(path))
    assert skip.path == str(path) and "WARC" in skip.reason
    gz = tmp_path / "falsch.warc.gz"
    gz.write_bytes(gzip.compress(b"Auch kein WARC.\n"))
    [skip] = list(read_file(gz))
    assert "WARC" in skip.reason

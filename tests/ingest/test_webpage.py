from newsdesk.ingest import read_file
from newsdesk.model import RawArticle, Skip

GERMAN_PAGE = """<!DOCTYPE html>
<html lang="de-DE"><head>
<meta charset="utf-8">
<title>Hochwasser in Bayern: Pegel sinken langsam | Donaukurier Online</title>
<meta property="og:site_name" content="Donaukurier Online">
<meta property="article:published_time" content="2024-06-04T08:30:00+02:00">
<link rel="canonical" href="https://donaukurier.example/bayern/hochwasser-pegel-sinken">
</head><body>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/bayern">Bayern</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/abo">Abo</a></li></ul></nav></header>
<main><article>
<h1>Hochwasser in Bayern: Pegel sinken langsam</h1>
<p>Nach den heftigen Regenfällen der vergangenen Tage sinken die Pegel an der Donau langsam wieder.
Die Lage bleibt nach Angaben des Landratsamts aber angespannt, einzelne Deiche sind weiter durchweicht.</p>
<p>Rund 3000 Einsatzkräfte waren in der Nacht im Einsatz.<br>Viele Anwohner konnten noch nicht in ihre Häuser zurück.</p>
<p>„Wir sind noch nicht über den Berg“, sagte der Landrat am Dienstagmorgen bei einer Pressekonferenz in Ingolstadt.</p>
</article></main>
<footer><p>© 2024 Donaukurier Online. Alle Rechte vorbehalten.</p>
<ul><li><a href="/impressum">Impressum</a></li><li><a href="/datenschutz">Datenschutz</a></li></ul></footer>
</body></html>"""


def test_html_page_main_text_and_metadata(tmp_path):
    path = tmp_path / "hochwasser.html"
    path.write_text(GERMAN_PAGE, encoding="utf-8")
    [article] = list(read_file(path))
    assert isinstance(article, RawArticle)
    assert article.url == article.identity == "https://donaukurier.example/bayern/hochwasser-pegel-sinken"
    assert article.title == "Hochwasser in Bayern: Pegel sinken langsam"
    assert article.source == "Donaukurier Online"
    assert article.published == "2024-06-04T08:30:00+02:00"
    assert article.language == "de"
    assert article.path == str(path)
    paragraphs = article.raw.split("\n\n")
    assert paragraphs[0] == "Hochwasser in Bayern: Pegel sinken langsam"
    assert paragraphs[1].startswith("Nach den heftigen Regenfällen")
    assert "Rund 3000 Einsatzkräfte waren in der Nacht im Einsatz.\nViele Anwohner" in article.raw
    assert paragraphs[-1].startswith("„Wir sind noch nicht über den Berg“")
    for boilerplate in ("Startseite", "Impressum", "Alle Rechte vorbehalten", "Datenschutz"):
        assert boilerplate not in article.raw
    [title_line] = article.header
    assert (title_line.reason, title_line.raw_start) == ("title line", 0)
    assert article.raw[title_line.raw_start:title_line.raw_end] == title_line.text == article.title


def test_html_in_cp1252_declared_as_latin1(tmp_path):
    page = GERMAN_PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    path = tmp_path / "hochwasser.htm"
    path.write_bytes(page.encode("cp1252"))
    [article] = list(read_file(path))
    assert "„Wir sind noch nicht über den Berg“" in article.raw


def test_english_page_without_metadata_uses_file_name(tmp_path):
    page = """<html><head><title>Storm hits the coast</title></head><body>
<div class="menu"><a href="/">Home</a> | <a href="/world">World</a></div>
<div class="story"><h1>Storm hits the coast</h1>
<p>A powerful storm brought heavy rain and strong winds to the east coast on Monday, cutting power to thousands of homes.</p>
<p>Officials urged residents to stay indoors until the winds ease later this week, and schools remained closed.</p></div>
</body></html>"""
    path = tmp_path / "storm.html"
    path.write_text(page, encoding="utf-8")
    [article] = list(read_file(path))
    assert article.identity == "storm.html"
    assert article.url is None
    assert article.title == "Storm hits the coast"
    assert "A powerful storm brought heavy rain" in article.raw


def test_page_without_main_text_is_skipped(tmp_path):
    path = tmp_path / "leer.html"
    path.write_text("<html><head><title>Leer</title></head><body><script>var seite = 1;</script></body></html>")
    [skip] = list(read_file(path))
    assert isinstance(skip, Skip)
    assert skip.path == str(path)
    assert "no article text" in skip.reason


def test_date_line_under_the_headline_and_relative_canonical(tmp_path):
    page = """<html lang="fr"><head><title>Grève des contrôleurs aériens</title>
<link rel="canonical" href="/economie/greve-controleurs"></head><body>
<article><h1>Grève des contrôleurs aériens</h1>
<p>mardi 18 juin 2024</p>
<p>La DGAC a demandé aux compagnies de réduire de moitié leurs vols à Orly et Marseille mercredi, en raison d'une grève.</p>
<p>Les syndicats dénoncent un manque d'effectifs dans plusieurs centres de contrôle régionaux.</p>
</article></body></html>"""
    path = tmp_path / "greve.html"
    path.write_text(page, encoding="utf-8")
    [article] = list(read_file(path))
    assert article.url is None and article.identity == "greve.html"
    assert article.published == "2024-06-18"
    assert [(r.reason, r.text) for r in article.header] == [
        ("title line", "Grève des contrôleurs aériens"),
        ("date line", "mardi 18 juin 2024"),
    ]
    for removal in article.header:
        assert article.raw[removal.raw_start:removal.raw_end] == removal.text


def test_a_sentence_above_a_date_paragraph_is_not_taken_for_the_headline(tmp_path):
    page = """<html><head><title>Stadtrat beschließt Radwege</title></head><body><article>
<p>Der Stadtrat hat am Abend mit großer Mehrheit neue Radwege für die Innenstadt beschlossen.</p>
<p>18.06.2024</p>
<p>Die Arbeiten sollen im Herbst beginnen und rund zwei Jahre dauern, teilte die Verwaltung mit.</p>
</article></body></html>"""
    path = tmp_path / "radwege.html"
    path.write_text(page, encoding="utf-8")
    [article] = list(read_file(path))
    assert "Der Stadtrat hat am Abend" in article.raw
    assert article.raw.startswith("Der Stadtrat hat am Abend")
    assert article.header == ()
    assert article.title == "Stadtrat beschließt Radwege"

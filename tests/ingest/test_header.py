from hypothesis import given, settings, strategies as st

from newsdesk.ingest import read_file
from newsdesk.ingest.header import _first_line_chars, _lines, read_header

PREFIXED = " date 2024-03-05 Die Bahn streikt erneut. Betroffen sind vor allem Pendler im Süden.\n\nZweiter Absatz."
TITLED = (
    "Streik bei der Bahn: Pendler müssen umplanen\n"
    "\n"
    "5. März 2024\n"
    "Verkehr\n"
    "\n"
    "Die Lokführergewerkschaft hat erneut zum Streik aufgerufen. Betroffen ist vor allem der Nahverkehr.\n"
)


def assert_removals_reproduce(raw, removals):
    for removal in removals:
        assert raw[removal.raw_start:removal.raw_end] == removal.text


def test_date_prefix_with_body_on_the_same_line():
    header = read_header(PREFIXED)
    assert header.published == "2024-03-05"
    assert header.title is None
    [removal] = header.removals
    assert (removal.reason, removal.text) == ("date line", " date 2024-03-05 ")
    assert PREFIXED[removal.raw_end:].startswith("Die Bahn streikt")


def test_title_date_and_tag_lines():
    header = read_header(TITLED)
    assert header.title == "Streik bei der Bahn: Pendler müssen umplanen"
    assert header.published == "2024-03-05"
    assert [(r.reason, r.text) for r in header.removals] == [
        ("title line", "Streik bei der Bahn: Pendler müssen umplanen"),
        ("date line", "5. März 2024"),
        ("tag line", "Verkehr"),
    ]
    assert_removals_reproduce(TITLED, header.removals)


def test_english_and_french_date_lines():
    english = "Rail strike hits commuters\n\nMarch 5, 2024\n\nThe drivers' union called another strike on Tuesday.\n"
    french = "Grève à la SNCF\n\nmardi 5 mars 2024\nTransports\n\nLes syndicats appellent à une nouvelle grève.\n"
    assert read_header(english).published == "2024-03-05"
    assert read_header(english).title == "Rail strike hits commuters"
    assert [r.reason for r in read_header(french).removals] == ["title line", "date line", "tag line"]


def test_a_sentence_under_the_date_is_body_not_a_tag():
    text = "Bahnstreik\n\n05.03.2024\nDie Gewerkschaft ruft zum Streik auf.\nMehr folgt.\n"
    assert [r.reason for r in read_header(text).removals] == ["title line", "date line"]


def test_plain_text_keeps_everything_as_body():
    text = "Die Gewerkschaft ruft zum Streik auf.\n\nBetroffen ist vor allem der Nahverkehr am 5. März 2024.\n"
    assert read_header(text).removals == ()
    assert read_header("Kurze Überschrift\n\nDer Text beginnt hier ohne Datum.\n").removals == ()


def test_header_without_body_is_not_taken():
    assert read_header("Streik\n\n5. März 2024\n").removals == ()
    assert read_header(" date 2024-03 ").removals == ()


def test_seed_articles(seeds_dir):
    articles = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        [article] = list(read_file(path))
        articles[path.name[:3]] = article
        assert article.raw == path.read_text(encoding="utf-8")
        assert article.identity == path.name
        assert_removals_reproduce(article.raw, article.header)
    assert articles["000"].published == "2024-06"
    assert articles["002"].published == "2024-06"
    assert [r.reason for r in articles["000"].header] == ["date line"]
    assert articles["001"].published == "2024-06-18"
    assert articles["001"].title and articles["001"].title == articles["001"].raw.split("\n")[0]
    assert [r.reason for r in articles["001"].header] == ["title line", "date line", "tag line"]
    for key in ("003", "004"):
        assert articles[key].published is None
        assert articles[key].header == ()


lines = st.sampled_from(
    ["", "Titel der Meldung", "18 Jun 2024", " date 2024-06 Text", "Politik", "Ein Satz.", "  ", "2024-06-18", "x" * 70]
)


@settings(max_examples=300)
@given(st.one_of(st.lists(lines, max_size=8).map("\n".join), st.text(max_size=200)))
def test_header_removals_always_reproduce_their_text(raw):
    header = read_header(raw)
    assert_removals_reproduce(raw, header.removals)
    if header.removals:
        assert raw[header.removals[-1].raw_end:].strip(), "a body is always left"
    starts = [r.raw_start for r in header.removals]
    assert starts == sorted(starts)


def test_a_sentence_is_not_a_title_but_a_cut_headline_is():
    sentence = "Der Stadtrat hat neue Radwege beschlossen.\n\n18.06.2024\n\nDie Arbeiten beginnen im Herbst.\n"
    assert read_header(sentence).removals == ()
    cut = "Stadtrat beschließt neue Radwege für die ...\n\n18.06.2024\n\nDie Arbeiten beginnen im Herbst.\n"
    assert read_header(cut).title == "Stadtrat beschließt neue Radwege für die ..."
    question = "Wer zahlt für die Radwege?\n\n18.06.2024\n\nDie Arbeiten beginnen im Herbst.\n"
    assert read_header(question).title == "Wer zahlt für die Radwege?"


@settings(max_examples=300)
@given(st.one_of(st.lists(lines | st.text(" \t\n\u2028\x0bx", max_size=5), max_size=8).map("\n".join),
                 st.text(max_size=200), st.text(" \n\tx\u3000", max_size=400)))
def test_first_line_chars_is_the_first_non_blank_line_that_lines_finds(raw):
    found = [line for line in _lines(raw, limit=len(raw) + 1) if line is not None]
    assert _first_line_chars(raw) == (len(found[0].text) if found else 0)

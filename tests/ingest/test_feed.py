from newsdesk.ingest import read_file
from newsdesk.model import RawArticle, Skip

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Nordkurier Nachrichten</title>
  <link>https://nordkurier.example/</link>
  <language>de-de</language>
  <item>
    <title>Sturmflut an der Ostsee erwartet</title>
    <link>https://nordkurier.example/sturmflut</link>
    <pubDate>Fri, 20 Oct 2023 06:30:00 +0200</pubDate>
    <description>Kurzfassung: Sturmflut erwartet.</description>
    <content:encoded><![CDATA[<p>Der Deutsche Wetterdienst warnt vor einer schweren Sturmflut an der Ostseeküste.</p>
<p>In Flensburg und Kiel könnte das Wasser bis zu 1,8 Meter über den mittleren Pegel steigen.<br/>Anwohner sollen Keller räumen.</p>
<script>track();</script>]]></content:encoded>
  </item>
  <item>
    <title>Fähren fallen aus &amp; Häfen gesperrt</title>
    <link>https://nordkurier.example/faehren</link>
    <dc:date>2023-10-20</dc:date>
    <description>&lt;p&gt;Mehrere Fährverbindungen nach Dänemark wurden gestrichen.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Pegelstände im Überblick</title>
    <guid isPermaLink="false">pegel-2023-10-20</guid>
    <description>Die aktuellen Pegelstände werden stündlich aktualisiert.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Quotidien du Sud</title>
  <link href="https://quotidien.example/"/>
  <entry>
    <title type="html">Canicule : la vigilance rouge &lt;em&gt;levée&lt;/em&gt;</title>
    <link rel="alternate" href="https://quotidien.example/canicule"/>
    <link rel="enclosure" href="https://quotidien.example/photo.jpg"/>
    <id>urn:uuid:1b2c</id>
    <updated>2023-08-24T18:00:00Z</updated>
    <published>2023-08-24T09:15:00+02:00</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Météo-France a levé la vigilance rouge pour quatre départements.</p><p>Les températures restent élevées.</p></div></content>
  </entry>
  <entry>
    <title>Orages attendus</title>
    <link href="/orages"/>
    <id>urn:uuid:3d4e</id>
    <updated>2023-08-25</updated>
    <summary type="text">Des orages sont attendus dans la soirée.</summary>
  </entry>
</feed>
"""


def test_rss_feed_with_three_items(tmp_path):
    path = tmp_path / "nordkurier.xml"
    path.write_text(RSS, encoding="utf-8")
    first, second, third = list(read_file(path))
    assert all(isinstance(item, RawArticle) for item in (first, second, third))
    assert first.identity == first.url == "https://nordkurier.example/sturmflut"
    assert first.title == "Sturmflut an der Ostsee erwartet"
    assert first.source == "Nordkurier Nachrichten"
    assert first.language == "de"
    assert first.published == "2023-10-20T06:30:00+02:00"
    assert first.raw == (
        "Der Deutsche Wetterdienst warnt vor einer schweren Sturmflut an der Ostseeküste.\n\n"
        "In Flensburg und Kiel könnte das Wasser bis zu 1,8 Meter über den mittleren Pegel steigen.\n"
        "Anwohner sollen Keller räumen."
    )
    assert second.title == "Fähren fallen aus & Häfen gesperrt"
    assert second.raw == "Mehrere Fährverbindungen nach Dänemark wurden gestrichen."
    assert second.published == "2023-10-20"
    assert third.url is None and third.identity == "nordkurier.xml#3"
    assert {item.path for item in (first, second, third)} == {str(path)}


def test_atom_feed(tmp_path):
    path = tmp_path / "quotidien.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = list(read_file(path))
    assert first.url == "https://quotidien.example/canicule"
    assert first.title == "Canicule : la vigilance rouge levée"
    assert first.published == "2023-08-24T09:15:00+02:00"
    assert first.raw == "Météo-France a levé la vigilance rouge pour quatre départements.\n\nLes températures restent élevées."
    assert (first.source, first.language) == ("Le Quotidien du Sud", "fr")
    assert second.identity == second.url == "https://quotidien.example/orages"
    assert second.published == "2023-08-25"
    assert second.raw == "Des orages sont attendus dans la soirée."


def test_feed_is_sniffed_whatever_its_name(tmp_path):
    path = tmp_path / "export"
    path.write_text(ATOM, encoding="utf-8")
    assert [item.url for item in read_file(path)] == ["https://quotidien.example/canicule", "https://quotidien.example/orages"]


def test_feed_in_cp1252_without_declaration(tmp_path):
    path = tmp_path / "alt.rss"
    path.write_bytes(RSS.replace(' encoding="UTF-8"', "").encode("cp1252"))
    items = list(read_file(path))
    assert items[0].raw.endswith("Anwohner sollen Keller räumen.")


def test_item_without_text_is_skipped(tmp_path):
    feed = RSS.replace("<description>Die aktuellen Pegelstände werden stündlich aktualisiert.</description>", "")
    path = tmp_path / "n.xml"
    path.write_text(feed, encoding="utf-8")
    *_, skip = list(read_file(path))
    assert skip == Skip(f"{path}#3", 'feed item "Pegelstände im Überblick" has no text (only a title or link)')


def test_broken_and_foreign_xml(tmp_path):
    broken = tmp_path / "kaputt.rss"
    broken.write_text(RSS[: len(RSS) // 2], encoding="utf-8")
    [skip] = list(read_file(broken))
    assert skip.path == str(broken) and skip.reason.startswith("broken feed:")
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    [skip] = list(read_file(sitemap))
    assert "not an RSS or Atom feed" in skip.reason and "urlset" in skip.reason


def test_entities_are_not_expanded(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<rss><channel><item><title>t</title><description>&b;&b;&b;</description></item></channel></rss>"
    )
    path = tmp_path / "bomb.xml"
    path.write_text(bomb)
    items = list(read_file(path))
    assert all(len(getattr(item, "raw", "")) < 100 for item in items)

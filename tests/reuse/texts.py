"""Real-looking German copy for the reuse tests: one agency text, outlets that reuse it, and look-alikes that do not."""
from __future__ import annotations

from newsdesk.model import Article, content_id

# An agency text, paragraph by paragraph (written for these tests).
WIRE = [
    "Nach tagelangen Regenfällen ist die Donau in Passau über die Marke von zehn Metern gestiegen. "
    "Die Stadt rief am Sonntagmorgen den Katastrophenfall aus, mehr als 2.000 Helfer von Feuerwehr, "
    "Technischem Hilfswerk und Bundeswehr sind im Einsatz.",
    "Nach Angaben der Polizei mussten in der Altstadt rund 400 Menschen ihre Wohnungen verlassen. "
    "Sie wurden in Turnhallen und bei Verwandten untergebracht, verletzt wurde nach ersten Erkenntnissen niemand.",
    "Oberbürgermeister Jürgen Dupper sprach von einer \"außergewöhnlich ernsten Lage\". Man sei aber besser "
    "vorbereitet als beim Jahrhunderthochwasser 2013, als der Pegel auf 12,89 Meter gestiegen war.",
    "Der Deutsche Wetterdienst erwartet für die kommenden zwei Tage weitere ergiebige Niederschläge im "
    "Bayerischen Wald. Erst ab Mittwoch soll sich die Lage nach Einschätzung der Meteorologen entspannen.",
    "Auch in Regensburg und Deggendorf wurden Uferstraßen gesperrt, der Schiffsverkehr auf der Donau ist "
    "zwischen Straubing und der österreichischen Grenze vollständig eingestellt.",
]

# An outlet's own reporting, to wrap copied paragraphs in.
OWN = [
    "Die Bilder aus der Dreiflüssestadt wecken Erinnerungen an frühere Katastrophen.",
    "Unsere Reporterin war am Vormittag in der Innstadt unterwegs, wo Anwohner Sandsäcke vor ihre Haustüren schichteten. "
    "Ein Bäcker am Rathausplatz hatte seinen Laden schon in der Nacht ausgeräumt und die Geräte in den ersten Stock getragen.",
    "Viele Geschäftsleute fragen sich, ob die Versicherungen diesmal zahlen werden, nachdem nach 2013 etliche "
    "Policen gekündigt worden waren.",
    "Wie lange die Aufräumarbeiten dauern, kann derzeit niemand sagen.",
]

# Same event, same names, dates and stock phrases, but written independently.
INDEPENDENT = (
    "Hochwasser-Alarm in Niederbayern: Am Sonntag hat Passau den Katastrophenfall ausgerufen. "
    "Nach Angaben der Polizei sind Teile der Altstadt nicht mehr zugänglich, Bewohner wurden in Sicherheit gebracht. "
    "Oberbürgermeister Jürgen Dupper sprach von einer \"außergewöhnlich ernsten Lage\" und bat die Bürger, "
    "die Uferbereiche zu meiden. Feuerwehr, THW und Bundeswehr arbeiteten die ganze Nacht, berichtete ein Sprecher "
    "des Landratsamts. Meteorologen rechnen bis Mittwoch mit weiterem Regen im Bayerischen Wald. "
    "Der bisherige Rekordpegel aus dem Jahr 2013 liegt bei 12,89 Metern."
)


def article(text: str, name: str, published: str | None = "2024-06-02", agencies: tuple[str, ...] = ()) -> Article:
    """An Article as cleaning would give it, with an id from its name and text."""
    return Article(id=content_id(name, text), identity=name, path=None, url=None, source=None,
                   agencies=agencies, title=None, published=published, language="de", text=text, removed=())


def paragraphs(*parts: str) -> str:
    return "\n\n".join(parts)

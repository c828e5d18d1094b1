"""newsdesk.report: an analysis document as one readable, self-contained HTML page.

The static report and the web UI share one Jinja2 environment and the same partials
(`story.html`, `article.html`, `macros.html`) so a story looks the same in both. Article text is
untrusted input: autoescaping is on everywhere, and text is marked up in `spans` with escaping.
"""
from __future__ import annotations

from functools import lru_cache

import jinja2

from .view import dom_id, report_context, story_document

__all__ = ["environment", "render_html", "render_story_html", "report_context", "story_document", "dom_id"]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The configured environment for the report templates (package data), autoescaping every template."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsdesk.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(analysis: dict) -> str:
    """The whole report for one analysis document (format newsdesk.analysis/1): one file, inline CSS, no network."""
    return environment().get_template("report.html").render(**report_context(analysis))


def render_story_html(analysis: dict, story_id: str) -> str:
    """The same page for one story of the document: that story, its articles and their shared copy."""
    return render_html(story_document(analysis, story_id))

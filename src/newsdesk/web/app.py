"""The HTTP API and the web UI over one store: the stories, each story's analysis, each article.

API (OpenAPI at /openapi.json): `GET /api/stories` (a page of the story list, filtered by words
of the title), `GET /api/stories/{id}` (the story's analysis document, format newsdesk.analysis/1,
exactly what `newsdesk show ID --json` writes), `GET /api/articles/{id}` (one article in the
format). UI: `/` (the story list) and `/stories/{id}` (the story's page: the report's story
section, with its brief, facts, quotes, entities, timeline, coverage and articles side by side).

A story merged into another is redirected to the one it joined. A story's analysis is computed by
the same stages as `newsdesk show` (their results are kept in the store), one request at a time.
The interactive docs page is off: it loads its scripts from a CDN, and newsdesk runs offline.
"""
from __future__ import annotations

import threading
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..model import Story
from ..pipeline import STAGES, FORMAT, analysis_of, article_json
from ..report import environment, report_context, story_document
from ..report.view import outlet
from ..store import open_store

PAGE_SIZE = 50
"""Stories on one page of the list, in the UI and by default in the API."""


def create_app(db: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The application over the store at `db` (an SQLite file or a database URL; default as `newsdesk analyze`)."""
    store = open_store(db)
    settings = settings or Settings()
    stage_lock = threading.Lock()  # the stages write their results to the store: one story at a time
    app = FastAPI(title="newsdesk", version=FORMAT, docs_url=None, redoc_url=None,
                  description="News articles into stories a reader can trust: the stories of one newsdesk store.")
    app.state.store = store
    app.router.add_event_handler("shutdown", store.close)

    def story_or_redirect(story_id: str, to: str) -> Story | Response:
        """The story, a redirect to `to` for the story a merged-away id joined, or a 404 naming the id."""
        story = store.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r} in this store; /api/stories lists them")
        if story.id != story_id:
            return RedirectResponse(to.format(quote(story.id, safe="")), status_code=307)
        return story

    def story_analysis(story: Story) -> dict:
        with stage_lock:
            return analysis_of(store, story.articles, settings, STAGES).document

    def listed(q: str, offset: int, limit: int) -> tuple[list[Story], int]:
        """A page of the stories whose title holds every word of `q` (any case), newest first seen first."""
        words = q.casefold().split()
        found = [s for s in reversed(store.stories()) if all(w in s.title.casefold() for w in words)]
        return found[offset:offset + limit], len(found)

    @app.get("/api/stories", summary="A page of the stories, newest first seen first")
    def api_stories(q: str = Query("", description="words that must all be in the title (any case)"),
                    offset: int = Query(0, ge=0), limit: int = Query(PAGE_SIZE, ge=1, le=1000)) -> dict:
        page, total = listed(q, offset, limit)
        return {"total": total, "offset": offset, "stories": [s.listing() for s in page]}

    @app.get("/api/stories/{story_id}", summary="The story's analysis document (format newsdesk.analysis/1)")
    def api_story(story_id: str):
        story = story_or_redirect(story_id, "/api/stories/{}")
        if isinstance(story, Response):
            return story
        return JSONResponse(story_analysis(story))

    @app.get("/api/articles/{article_id}", summary="One stored article in the format, with what cleaning removed")
    def api_article(article_id: str) -> dict:
        found = store.articles([article_id])
        if not found:
            raise HTTPException(404, f"no article {article_id!r} in this store")
        return article_json(found[0])

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list(request: Request, q: str = "", page: int = Query(1, ge=1)):
        stories, total = listed(q, (page - 1) * PAGE_SIZE, PAGE_SIZE)
        members = {a.id: a for a in store.articles(a for s in stories for a in s.articles)}
        rows = [{**s.listing(), "href": "/stories/" + quote(s.id, safe=""),
                 "outlets": sorted({outlet(members[a].to_json()) for a in s.articles if a in members})}
                for s in stories]

        def page_href(n: int) -> str:
            return "/?" + urlencode({"q": q, "page": n} if q else {"page": n})

        return environment().get_template("web_stories.html").render(
            stories=rows, total=total, q=q, page=page,
            previous=page_href(page - 1) if page > 1 else None,
            next=page_href(page + 1) if page * PAGE_SIZE < total else None)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str):
        story = story_or_redirect(story_id, "/stories/{}")
        if isinstance(story, Response):
            return story
        context = report_context(story_document(story_analysis(story), story.id))
        return environment().get_template("web_story.html").render(
            **context, api_href="/api/stories/" + quote(story.id, safe=""))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException):
        """JSON for the API; for the UI a page saying what was not found (the id escaped like all text)."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        page = environment().get_template("web_error.html").render(status=error.status_code, message=error.detail)
        return HTMLResponse(page, status_code=error.status_code)

    return app


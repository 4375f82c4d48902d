"""The JSON API (FastAPI) and the web UI over one store.

``create_app(db)`` builds the application; ``newsdesk serve`` runs it with uvicorn. The API is
read-only unless the operator sets a token: POST endpoints then need it (``Authorization:
Bearer TOKEN`` or ``X-Newsdesk-Token``), and refuse every request without it.

Every error has one shape, ``{"error": {"status", "code", "message", "details"}}``, on JSON
routes; HTML pages show the same message on an error page. Bad parameters are 4xx with a
message naming the parameter, never a 500. Request bodies are capped (``max_body`` bytes)
before they are read in full.
"""

from __future__ import annotations

import hmac
import json
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk import __version__
from newsdesk.errors import NewsdeskError
from newsdesk.record import Article
from newsdesk.store import SQLiteStore, open_store
from newsdesk.store import queries as q

WEB = Path(__file__).resolve().parent / "web"
# 2 MB: well above a dump of a hundred articles (the bundled 36-article sample is 36 kB) and
# small enough that a request cannot make the parser take minutes.
MAX_BODY = 2_000_000
# YYYY, YYYY-MM or YYYY-MM-DD; empty means no date (an HTML form sends empty fields).
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class ApiError(Exception):
    """An error a client can act on: raised anywhere, answered in the one error shape."""

    def __init__(
        self, status: int, message: str, *, code: str | None = None, details: Any = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.details = details


CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
    503: "store_unavailable",
}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": code}
    for status, code in CODES.items()
    if status not in (500, 503)
}


# -- state ------------------------------------------------------------------------------------


@dataclass
class ServeState:
    """What the app serves: the store (one connection per worker thread), the token, the
    pipeline for analyze (loaded on first use, one run at a time)."""

    db: str
    token: str | None = None
    max_body: int = MAX_BODY
    local: threading.local = field(default_factory=threading.local)
    pipeline_lock: threading.Lock = field(default_factory=threading.Lock)
    pipeline: Any = None

    def store(self) -> SQLiteStore:
        # sqlite3 connections belong to the thread that opened them; FastAPI runs sync
        # endpoints on a thread pool, so each worker thread keeps its own.
        store: SQLiteStore | None = getattr(self.local, "store", None)
        if store is None:
            store = open_store(self.db)
            self.local.store = store
        return store

    def analyze(self, articles: list[Article]) -> list[Article]:
        with self.pipeline_lock:
            if self.pipeline is None:
                from newsdesk.pipeline import build_pipeline

                self.pipeline = build_pipeline()
            return list(self.pipeline.pipe(articles))


def state_of(request: Request) -> ServeState:
    state: ServeState = request.app.state.newsdesk
    return state


class ThreadStore:
    """The store as seen from whichever thread uses it: FastAPI resolves a sync dependency on
    one pool thread and may run the endpoint on another, so the connection is looked up at
    each use, never captured."""

    def __init__(self, state: ServeState) -> None:
        self._state = state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state.store(), name)


# Read endpoints are ``async def`` and run on the event loop: their queries take 4-9 ms, and
# one loop serves them first come, first served. As plain ``def`` (FastAPI's thread pool)
# 20 concurrent clients fought over the GIL: bench/load.py p95 76 ms against 36 ms async,
# run back to back (docs/BENCH.md). POST endpoints, which run the parser for seconds, stay
# on the thread pool so that they never block the loop.
async def get_store(request: Request) -> SQLiteStore:
    return cast(SQLiteStore, ThreadStore(state_of(request)))


Store = Annotated[SQLiteStore, Depends(get_store)]
bearer = HTTPBearer(auto_error=False, description="The operator's token (newsdesk serve --token)")


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    expected = state_of(request).token
    if not expected:
        raise ApiError(
            403,
            "this server is read-only: the operator has not set a token "
            "(newsdesk serve --token or NEWSDESK_TOKEN)",
        )
    given = credentials.credentials if credentials else request.headers.get("x-newsdesk-token")
    if not given:
        raise ApiError(401, "this endpoint needs the operator's token: Authorization: Bearer TOKEN")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "the token is not the operator's token")


# -- parameters -------------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Items to skip.")]
Text = Annotated[str, Query(max_length=500)]
OptText = Annotated[str | None, Query(max_length=200)]
DateFrom = Annotated[
    str | None,
    Query(alias="from", pattern=DATE_PATTERN, description="Published on or after (YYYY-MM-DD)."),
]
DateTo = Annotated[
    str | None,
    Query(alias="to", pattern=DATE_PATTERN, description="Published on or before (YYYY-MM-DD)."),
]


async def article_filters(
    entity: OptText = None,
    type: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z_]*$")] = None,
    place: OptText = None,
    story: OptText = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> q.ArticleFilters:
    return q.ArticleFilters(
        entity=entity or None,
        type=type or None,
        place=place or None,
        story=story or None,
        date_from=date_from or None,
        date_to=date_to or None,
    )


Filters = Annotated[q.ArticleFilters, Depends(article_filters)]


class AnalyzeRequest(BaseModel):
    """An article, or a plain-text dump of several (``split``), or JSON lines."""

    text: str = Field(min_length=1, description="Article text, a text dump or JSON lines.")
    split: bool = Field(True, description="Split a plain-text dump into articles.")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=DATE_PATTERN)
    url: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, max_length=200, pattern=r"^[^\s/]+$")


def read_posted(body: AnalyzeRequest) -> list[Article]:
    """Articles from a posted body, read by the same readers as files on the command line."""
    from newsdesk.ingest import ReadOptions, read_articles

    if not body.text.strip():
        raise ApiError(422, "text is empty", code="invalid_parameter")
    if not body.split and not body.text.lstrip().startswith("{"):
        article = Article(
            text=body.text.strip(),
            id=body.id or "",
            title=body.title,
            published=body.published or None,
            url=body.url,
            source="api",
        )
        return [article]
    problems: list[str] = []
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as tmp:
        tmp.write(body.text)
    try:
        options = ReadOptions(published=body.published or None, split=body.split)
        articles = list(
            read_articles(
                [tmp.name], options=options, report=lambda err: problems.append(err.message)
            )
        )
    except NewsdeskError as err:
        raise ApiError(422, err.message, code="invalid_input") from None
    finally:
        os.unlink(tmp.name)
    if not articles:
        detail = "; ".join(problems) or "no article text found"
        raise ApiError(422, f"nothing to analyze: {detail}", code="invalid_input")
    for article in articles:
        article.source = "api"
    return articles


# -- JSON routes ------------------------------------------------------------------------------

api = APIRouter(prefix="/api", responses=ERROR_RESPONSES)


def _hit(item: dict[str, Any]) -> dict[str, Any]:
    text, spans = q.split_marks(item.pop("snippet"))
    item["snippet"] = text
    item["highlights"] = [list(s) for s in spans]
    item.pop("score", None)
    return item


def _page(
    store: SQLiteStore,
    filters: q.ArticleFilters,
    limit: int,
    offset: int,
    *,
    facets: bool,
) -> q.ArticlePage:
    try:
        return q.list_articles(store, filters, limit=limit, offset=offset, facets=facets)
    except q.QueryError as err:
        raise ApiError(400, err.message, code="bad_query") from None


@api.get("/search", summary="Full-text search with facets, snippets and pagination")
async def api_search(
    store: Store,
    filters: Filters,
    query: Annotated[str, Query(alias="q", max_length=500)] = "",
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles matching ``q`` (words are ANDed; FTS5 syntax works: "a phrase", OR, NOT,
    prefix*), ranked by BM25, with ``highlights`` as [start, end] offsets into ``snippet``,
    and facets (entities, types, places, publication dates) over all matches."""
    filters.query = query
    page = _page(store, filters, limit, offset, facets=True)
    return {
        "query": query,
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "hits": [_hit(i) for i in page.items],
        "facets": page.facets,
    }


@api.get("/articles", summary="List articles, filtered by date, entity, place, story")
async def api_articles(
    store: Store, filters: Filters, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    page = _page(store, filters, limit, offset, facets=False)
    return {
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "items": [_hit(i) for i in page.items],
    }


def article_record(article: Article) -> dict[str, Any]:
    """The contract record, plus each entity's registry id (for /api/entities/{id})."""
    record = article.to_dict()
    for out, entity in zip(record["entities"], article.entities, strict=True):
        out["id"] = entity.id
    if article.deck is not None:
        record["deck"] = article.deck
    if article.byline is not None:
        record["byline"] = article.byline
    return record


def load_article(store: SQLiteStore, article_id: str) -> Article:
    article = store.get(article_id) if article_id.strip() else None
    if article is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return article


@api.get("/articles/{article_id}", summary="One article with all its annotations")
async def api_article(store: Store, article_id: str) -> dict[str, Any]:
    return article_record(load_article(store, article_id))


@api.get("/entities", summary="List entities, most widely reported first")
async def api_entities(
    store: Store,
    type: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z_]*$")] = None,
    name: OptText = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    total, items = q.list_entities(store, type_=type, name=name, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def load_entity(store: SQLiteStore, entity_id: str) -> dict[str, Any]:
    """An entity by registry id, or by a name or variant (the most reported one)."""
    found = store.entity(entity_id)
    if found is None:
        matches = store.find_entities(entity_id)
        if matches:
            found = store.entity(matches[0]["id"])
    if found is None:
        raise ApiError(404, f"no entity with id or name {entity_id!r}")
    found["mentions"] = q.mentions_in_context(store, found["id"])
    found["cooccurring"] = q.cooccurring(store, found["id"])
    found["timeline"] = q.timeline(found["articles"])
    return found


@api.get(
    "/entities/{entity_id}",
    summary="One entity: variants, articles, quotes by and about it, co-occurring entities",
)
async def api_entity(store: Store, entity_id: str) -> dict[str, Any]:
    return load_entity(store, entity_id)


def quote_page(
    store: SQLiteStore, query: str, speaker: str | None, about: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    try:
        return q.search_quotes(
            store, query, speaker=speaker or None, about=about or None, limit=limit, offset=offset
        )
    except q.QueryError as err:
        raise ApiError(400, err.message, code="bad_query") from None


@api.get("/quotes", summary="Quotes: by a speaker, about an entity, full text")
async def api_quotes(
    store: Store,
    query: Annotated[str, Query(alias="q", max_length=500)] = "",
    speaker: OptText = None,
    about: OptText = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    items, more = quote_page(store, query, speaker, about, limit, offset)
    return {"limit": limit, "offset": offset, "has_more": more, "items": items}


@api.get("/stories", summary="Stories (clusters of articles), the biggest first")
async def api_stories(store: Store, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    total, items = q.list_stories(store, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@api.get("/stories/{story_id}", summary="One story with its timeline of articles")
async def api_story(store: Store, story_id: str) -> dict[str, Any]:
    found = q.story(store, story_id)
    if found is None:
        raise ApiError(404, f"no story with id {story_id!r}")
    return found


@api.get("/places", summary="Places with coordinates, for a map")
async def api_places(
    store: Store, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> dict[str, Any]:
    return {"items": q.places_for_map(store, limit=limit)}


@api.get("/stats", summary="How much the store holds")
async def api_stats(store: Store) -> dict[str, Any]:
    return {"version": __version__, "counts": store.counts()}


@api.post(
    "/analyze",
    summary="Analyze posted text (an article, a dump or JSON lines) without storing it",
    dependencies=[Depends(require_token)],
)
def api_analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    articles = state_of(request).analyze(read_posted(body))
    return {"count": len(articles), "articles": [a.to_dict() for a in articles]}


@api.post(
    "/ingest",
    summary="Analyze posted text and store the articles",
    dependencies=[Depends(require_token)],
)
def api_ingest(request: Request, store: Store, body: AnalyzeRequest) -> dict[str, Any]:
    articles = state_of(request).analyze(read_posted(body))
    stats = store.ingest(articles)
    return {
        "added": stats.added,
        "replaced": stats.replaced,
        "unchanged": stats.unchanged,
        "ids": stats.ids,
    }


# -- errors, limits, headers ------------------------------------------------------------------


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def error_response(request: Request, err: ApiError) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
    if wants_json(request):
        body = {
            "error": {
                "status": err.status,
                "code": err.code,
                "message": err.message,
                "details": err.details,
            }
        }
        return JSONResponse(body, status_code=err.status, headers=headers)
    from newsdesk.serve.pages import render_error

    return render_error(request, err.status, err.message)


def _validation_message(errors: list[Any]) -> str:
    parts = []
    for error in errors:
        where = [str(x) for x in error.get("loc", ()) if x not in ("query", "body", "path")]
        name = ".".join(where) or "request"
        parts.append(f"{name}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(request, exc)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        err = ApiError(422, _validation_message(errors), details=errors)
        return error_response(request, err)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = str(exc.detail) if exc.detail else CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return error_response(request, ApiError(exc.status_code, message))

    async def on_store(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewsdeskError)
        return error_response(request, ApiError(503, f"the store cannot be read: {exc}"))

    async def on_crash(request: Request, exc: Exception) -> Response:
        # A bug, not the client's fault: the same error shape, without internals.
        return error_response(request, ApiError(500, "internal error; see the server log"))

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(Exception, on_crash)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(NewsdeskError, on_store)


class BodyLimit:
    """Refuse bodies over ``max_body`` bytes: by Content-Length up front; a body without one
    (chunked) is read here, up to the limit, and handed on whole."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.max_body:
                await self._refuse(send)
                return
            await self.app(scope, receive, send)
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_body:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        message = f"request body is larger than the limit of {self.max_body:,} bytes"
        body = json.dumps(
            {"error": {"status": 413, "code": CODES[413], "message": message, "details": None}}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """The CSP and friends on every response (a plain ASGI wrapper: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


# -- the app ----------------------------------------------------------------------------------


def create_app(db: str | Path, *, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The API and the web UI over the store at ``db`` (opened, and migrated, up front so
    that a bad path fails at start rather than on the first request)."""
    open_store(str(db)).close()
    app = FastAPI(
        title="newsdesk",
        version=__version__,
        description="Who said what, about whom, where and when: the JSON API of a newsdesk "
        "store. Read-only unless the operator sets a token; POST endpoints need it.",
        # The interactive docs pages load their assets from a CDN: not served.
        docs_url=None,
        redoc_url=None,
    )
    app.state.newsdesk = ServeState(db=str(db), token=token or None, max_body=max_body)
    install_error_handlers(app)
    app.include_router(api)
    from newsdesk.serve.pages import pages

    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """The app for uvicorn's worker processes (``newsdesk serve --workers N``): each process
    builds it from the environment that the command set (NEWSDESK_DB, NEWSDESK_TOKEN)."""
    return create_app(
        os.environ.get("NEWSDESK_DB", "newsdesk.db"), token=os.environ.get("NEWSDESK_TOKEN")
    )

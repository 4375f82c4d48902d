"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same queries as the API.

Pages are plain HTML forms and links; the one script (static/app.js) only lights up every
mention of an entity or a quote on hover. Nothing is loaded from outside the server.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.templating import Jinja2Templates

from newsdesk.record import Article
from newsdesk.serve import worldmap
from newsdesk.serve.api import (
    DATE_PATTERN,
    WEB,
    AnalyzeRequest,
    ApiError,
    Filters,
    Limit,
    Offset,
    OptText,
    Store,
    load_article,
    load_entity,
    quote_page,
    read_posted,
    state_of,
)
from newsdesk.serve.render import annotate, entity_href, highlight
from newsdesk.store import queries as q

env = Environment(
    loader=FileSystemLoader(WEB / "templates"),
    # Every template is HTML: escape everything unless it is Markup built by render.py.
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def safe_url(value: str | None) -> str | None:
    """Only http(s) links are rendered as links: a ``javascript:`` URL stays text."""
    if value and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The current page's URL (or ``path``) with some query parameters changed or removed."""
    params = dict(request.query_params) if path is None else {}
    for key, value in changes.items():
        key = key.rstrip("_")
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    if "offset" not in changes:
        # Changing a filter starts again from the first page.
        params.pop("offset", None)
    target = path or request.url.path
    return target + ("?" + urlencode(params) if params else "")


def source_name(value: str | None) -> str:
    """A file path's last part (the full path is in the title); URLs and names as they are."""
    if not value or "://" in value:
        return value or ""
    return value.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


env.filters["highlight"] = highlight
env.filters["source_name"] = source_name
env.filters["safe_url"] = safe_url
env.globals["entity_href"] = entity_href
templates = Jinja2Templates(env=env)
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

TYPE_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities, states",
    "LOC": "Locations",
    "NORP": "Nationalities and groups",
    "FAC": "Buildings and facilities",
    "EVENT": "Events",
}


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("q", "")
    context["url_with"] = lambda path=None, **changes: url_with(request, path, **changes)
    context["type_names"] = TYPE_NAMES
    return templates.TemplateResponse(request, template, context, status_code=status)


def render_error(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


def pager(
    total: int | None, limit: int, offset: int, has_more: bool | None = None
) -> dict[str, Any]:
    more = has_more if has_more is not None else (total or 0) > offset + limit
    return {
        "prev": max(offset - limit, 0) if offset > 0 else None,
        "next": offset + limit if more else None,
        "first": offset + 1,
        "last": offset + limit if total is None else min(offset + limit, total),
        "total": total,
    }


def bars(items: list[dict[str, Any]], *, width: int = 640, height: int = 120) -> dict[str, Any]:
    """A bar chart of counts per date as SVG geometry (attributes, not inline styles)."""
    if not items:
        return {"bars": [], "width": width, "height": height}
    top = max(i["count"] for i in items)
    # Bars no wider than 48 units, so that two or three days do not fill the chart.
    step = min(width / len(items), 48.0)
    gap = min(4.0, step * 0.2)
    out = []
    for n, item in enumerate(items):
        # 18 units below for the date labels, 14 above for the count.
        h = max(2.0, (height - 32) * item["count"] / top)
        out.append(
            {
                "x": round(n * step + gap / 2, 1),
                # Date labels are ~60 units wide: keep them inside the chart.
                "label_x": round(min(max(n * step + step / 2, 30.0), width - 30.0), 1),
                "y": round(height - 18 - h, 1),
                "w": round(step - gap, 1),
                "h": round(h, 1),
                "label": item["date"],
                "count": item["count"],
                "show_label": len(items) <= 8 or n in (0, len(items) - 1),
            }
        )
    return {"bars": out, "width": width, "height": height}


def article_view(article: Article) -> dict[str, Any]:
    """What the article template shows beside the text."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for entity in sorted(article.entities, key=lambda e: (-len(e.mentions), e.name)):
        groups[entity.type].append(entity)
    order = sorted(groups, key=lambda t: (list(TYPE_NAMES).index(t) if t in TYPE_NAMES else 99, t))
    # One line per place, however often the article names it.
    places: dict[tuple[Any, ...], dict[str, Any]] = {}
    for place in article.places:
        key = (place.name, place.country_code, place.lat, place.lon)
        places.setdefault(key, {"place": place, "count": 0})["count"] += 1
    return {
        "article": article,
        "body": annotate(article),
        "entity_groups": [(t, groups[t]) for t in order],
        "places": list(places.values()),
        "words": len(article.text.split()),
    }


# -- pages ------------------------------------------------------------------------------------


@pages.get("/")
async def home(request: Request, store: Store) -> Response:
    recent = q.list_articles(store, limit=8)
    _, top = q.list_entities(store, limit=16)
    quotes, _ = q.search_quotes(store, limit=5)
    return render(
        request,
        "home.html",
        counts=store.counts(),
        recent=recent,
        top=top,
        quotes=quotes,
    )


@pages.get("/search")
@pages.get("/articles")
async def search_page(
    request: Request,
    store: Store,
    filters: Filters,
    query: Annotated[str, Query(alias="q", max_length=500)] = "",
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    filters.query = query
    try:
        page = q.list_articles(store, filters, limit=limit, offset=offset, facets=True)
    except q.QueryError as err:
        raise ApiError(400, err.message) from None
    entity_name = None
    if filters.entity:
        found = store.entity(filters.entity) or next(
            iter(store.find_entities(filters.entity)), None
        )
        entity_name = found["name"] if found else filters.entity
    return render(
        request,
        "search.html",
        q=query,
        filters=filters,
        entity_name=entity_name,
        page=page,
        pager=pager(page.total, limit, offset),
        chart=bars(page.facets.get("published", []), height=90),
    )


@pages.get("/articles/{article_id}")
async def article_page(request: Request, store: Store, article_id: str) -> Response:
    article = load_article(store, article_id)
    return render(request, "article.html", **article_view(article))


@pages.get("/entities")
async def entities_page(
    request: Request,
    store: Store,
    type: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z_]*$")] = None,
    name: OptText = None,
    limit: Limit = 60,
    offset: Offset = 0,
) -> Response:
    total, items = q.list_entities(store, type_=type or None, name=name, limit=limit, offset=offset)
    return render(
        request,
        "entities.html",
        items=items,
        types=q.entity_types(store),
        type=(type or "").upper(),
        name=name or "",
        pager=pager(total, limit, offset),
    )


@pages.get("/entities/{entity_id}")
async def entity_page(request: Request, store: Store, entity_id: str) -> Response:
    entity = load_entity(store, entity_id)
    return render(request, "entity.html", entity=entity, chart=bars(entity["timeline"]))


@pages.get("/quotes")
async def quotes_page(
    request: Request,
    store: Store,
    query: Annotated[str, Query(alias="q", max_length=500)] = "",
    speaker: OptText = None,
    about: OptText = None,
    limit: Limit = 30,
    offset: Offset = 0,
) -> Response:
    items, more = quote_page(store, query, speaker, about, limit, offset)
    return render(
        request,
        "quotes.html",
        items=items,
        quote_q=query,
        speaker=speaker or "",
        about=about or "",
        pager=pager(None, limit, offset, has_more=more),
    )


@pages.get("/stories")
async def stories_page(
    request: Request, store: Store, limit: Limit = 30, offset: Offset = 0
) -> Response:
    total, items = q.list_stories(store, limit=limit, offset=offset)
    return render(request, "stories.html", items=items, pager=pager(total, limit, offset))


@pages.get("/stories/{story_id}")
async def story_page(request: Request, store: Store, story_id: str) -> Response:
    found = q.story(store, story_id)
    if found is None:
        raise ApiError(404, f"no story with id {story_id!r}")
    return render(request, "story.html", story=found, chart=bars(found["timeline"]))


@pages.get("/map")
async def map_page(request: Request, store: Store) -> Response:
    places = q.places_for_map(store)
    top = max((p["articles"] for p in places), default=1)
    points = []
    for place in places:
        x, y = worldmap.project(place["lat"], place["lon"])
        radius = 3 + 7 * math.sqrt(place["articles"] / top)
        points.append({**place, "x": x, "y": y, "r": round(radius, 1)})
    return render(
        request,
        "map.html",
        land=worldmap.land_paths(),
        water=worldmap.water_paths(),
        width=round(worldmap.WIDTH),
        height=round(worldmap.HEIGHT),
        points=points,
    )


@pages.get("/map/world.svg")
async def world_outline() -> Response:
    """The outline alone, as a standalone SVG file (drawn from coordinates in worldmap.py)."""
    return Response(worldmap.world_svg(), media_type="image/svg+xml")


@pages.get("/paste")
async def paste_form(request: Request) -> Response:
    return render(
        request, "paste.html", text="", published="", split=True, keep=False, results=None
    )


@pages.post("/paste")
def paste_submit(
    request: Request,
    store: Store,
    text: Annotated[str, Form()] = "",
    published: Annotated[str, Form(max_length=10)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
    split: Annotated[bool, Form()] = False,
    keep: Annotated[bool, Form()] = False,
) -> Response:
    state = state_of(request)
    form: dict[str, Any] = {"text": text, "published": published, "split": split, "keep": keep}
    error = None
    if not state.token:
        error = (
            "This server is read-only: the operator has not set a token "
            "(newsdesk serve --token), so pasted text cannot be analyzed here."
        )
    elif not token or not _same(token, state.token):
        error = "Give the operator's token to analyze pasted text."
    elif not text.strip():
        error = "Paste some text first."
    elif published and not _is_date(published):
        error = f"{published!r} is not a date like 2025-06-03."
    if error:
        return render(request, "paste.html", status=400, error=error, results=None, **form)
    body = AnalyzeRequest(
        text=text, split=split, published=published or None, title=None, url=None, id=None
    )
    try:
        articles = state.analyze(read_posted(body))
    except ApiError as err:
        return render(
            request, "paste.html", status=err.status, error=err.message, results=None, **form
        )
    stored = None
    if keep:
        stats = store.ingest(articles)
        stored = {"added": stats.added, "unchanged": stats.unchanged, "ids": stats.ids}
    results = [article_view(a) for a in articles]
    return render(request, "paste.html", results=results, stored=stored, error=None, **form)


def _same(given: str, expected: str) -> bool:
    import hmac

    return hmac.compare_digest(given.encode(), expected.encode())


def _is_date(value: str) -> bool:
    import re

    return re.fullmatch(DATE_PATTERN, value) is not None

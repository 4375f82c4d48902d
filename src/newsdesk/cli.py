"""The `newsdesk` command: parse arguments, call one library function, map errors to exit codes.

Every error a user can cause (a bad input, a bad record, a store that cannot be written) is
printed as one line naming the input and the line or record, and exits with status 2.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import click

from newsdesk import __version__
from newsdesk.config import DEFAULT_DB, MAX_CHARS
from newsdesk.errors import NewsdeskError
from newsdesk.record import Article
from newsdesk.scale import ENGINES

db_option = click.option(
    "--db",
    envvar="NEWSDESK_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="Store: a SQLite file path or a postgresql://user@host/dbname URL (env NEWSDESK_DB).",
)


class Problems:
    """Bad records met while reading: printed as they come, counted for the exit status."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, err: NewsdeskError) -> None:
        self.count += 1
        click.echo(f"error: {err}", err=True)

    @staticmethod
    def warn(message: str) -> None:
        click.echo(f"warning: {message}", err=True)


class NewsdeskGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsdeskError as err:
            click.echo(f"error: {err}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # Output piped into `head` and friends: stop quietly.
            sys.stderr.close()
            ctx.exit(0)


def _validate_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from newsdesk.ingest.published import parse_published

    try:
        return parse_published(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-06-03") from None


@click.group(cls=NewsdeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsdesk")
def cli() -> None:
    """newsdesk: who said what, about whom, where and when, from raw news.

    Analyze news dumps and JSON lines into records (entities, quotes, dates, places),
    store them in a searchable SQLite file, browse, search and export them.
    """


@dataclass(frozen=True)
class Inputs:
    """What `analyze` and `ingest` read, and how: their shared arguments."""

    paths: tuple[str, ...]
    published: str | None
    no_split: bool
    batch_size: int
    workers: int
    max_chars: int
    engine: str
    ray_address: str | None
    actors: int | None


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the input arguments and options; the command receives them as one ``inputs``."""

    @functools.wraps(command)
    def func(**params: Any) -> Any:
        names = [f.name for f in fields(Inputs)]
        inputs = Inputs(**{name: params.pop(name) for name in names})
        return command(inputs=inputs, **params)

    func = click.argument("paths", nargs=-1, required=True, metavar="PATH_OR_URL...")(func)
    func = click.option(
        "--published",
        callback=_validate_date,
        help="Publication date (YYYY-MM-DD) for articles whose input gives none.",
    )(func)
    func = click.option(
        "--no-split", is_flag=True, help="Take each plain-text input as one article."
    )(func)
    func = click.option(
        "--batch-size", default=64, show_default=True, help="Articles per spaCy batch."
    )(func)
    func = click.option(
        "--workers", default=1, show_default=True, help="Parser processes (spaCy n_process)."
    )(func)
    func = click.option(
        "--max-chars",
        default=MAX_CHARS,
        show_default=True,
        help="Longest article accepted; longer records are reported and skipped.",
    )(func)
    func = click.option(
        "--engine",
        type=click.Choice(ENGINES),
        default="local",
        show_default=True,
        help="Where the stages run: this process, or a pool of Ray actors (pip install "
        "'newsdesk[scale]').",
    )(func)
    func = click.option(
        "--ray-address",
        metavar="ADDR",
        help="With --engine ray: 'auto' (the cluster this machine is in) or ray://HOST:10001 "
        "[default: a private local Ray for the run].",
    )(func)
    func = click.option(
        "--actors",
        type=click.IntRange(min=1),
        help="With --engine ray: pipeline actors, one CPU each [default: one per cluster CPU].",
    )(func)
    return func


@contextmanager
def progress(label: str) -> Iterator[Callable[..., Any]]:
    """A progress bar on stderr over the inputs' bytes; silent when stderr is not a terminal."""
    from newsdesk.ingest.source import InputSource

    if not sys.stderr.isatty() or os.environ.get("NEWSDESK_NO_PROGRESS"):
        yield lambda source=None, advance=0: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        "[progress.percentage]{task.percentage:>3.0f}%",
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    state: dict[str, Any] = {"source": None, "task": None, "done": 0}

    def update(source: InputSource | None = None, advance: int = 0) -> None:
        if source is not None:
            state["source"] = source
            state["task"] = bar.add_task(f"{label} {source.name}", total=source.size)
        state["done"] += advance
        if state["task"] is not None and state["source"] is not None:
            bar.update(state["task"], completed=state["source"].position)

    with bar:
        yield update


def analyzed(
    inputs: Inputs, *, problems: Problems, update: Callable[..., Any]
) -> Iterator[Article]:
    from newsdesk.ingest import ReadOptions, read_articles

    articles = read_articles(
        inputs.paths,
        options=ReadOptions(
            published=inputs.published, split=not inputs.no_split, max_chars=inputs.max_chars
        ),
        report=problems.report,
        warn=problems.warn,
        on_open=lambda source: update(source=source),
    )
    results: Iterator[Article]
    if inputs.engine == "ray":
        from newsdesk.scale.ray import RayOptions, analyze_on_ray

        if inputs.workers > 1:
            problems.warn("--workers is for --engine local; with Ray, --actors sets the pool")

        options = RayOptions(
            address=inputs.ray_address, actors=inputs.actors, batch_size=inputs.batch_size
        )
        results = analyze_on_ray(
            articles, options=options, report=problems.report, warn=problems.warn
        )
    else:
        from newsdesk.pipeline import build_pipeline

        if inputs.ray_address or inputs.actors:
            problems.warn("--ray-address and --actors are for --engine ray; ignored")

        pipeline = build_pipeline(batch_size=inputs.batch_size, n_process=inputs.workers)
        results = pipeline.pipe(articles)
    for article in results:
        update(advance=1)
        yield article


@cli.command()
@input_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
)
def analyze(inputs: Inputs, fmt: str) -> None:
    """Analyze inputs and print one record per article (no store).

    PATH_OR_URL is a plain-text dump, JSON lines or a JSON document (a crawler's article or a
    list of them), an HTML page, an RSS/Atom feed or a WARC archive (any of them gzipped), a
    folder of such files, an http(s) URL of one, or - for standard input.

    \b
    Example:
      newsdesk analyze dump.txt --published 2025-06-03 --format table
    """
    problems = Problems()
    with progress("analyzing") as update:
        records = analyzed(inputs, problems=problems, update=update)
        if fmt == "table":
            _print_table(list(records))
        elif fmt == "json":
            click.echo("[", nl=False)
            for number, article in enumerate(records):
                prefix = ",\n" if number else "\n"
                click.echo(prefix + json.dumps(article.to_dict(), ensure_ascii=False), nl=False)
            click.echo("\n]")
        else:
            for article in records:
                click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
    if problems.count:
        sys.exit(2)


def _count(n: int, word: str) -> str:
    """``1 article``, ``3 articles``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _line(text: str) -> str:
    """A quote or title on one terminal line (a quote may run over paragraphs)."""
    return " ".join(text.split())


def _event(event: dict[str, Any]) -> str:
    """A timeline event on one line: its date, the sentence, the article."""
    return f"{event['date']:16} {_line(event['text'])}  [{event['article_id']}]"


def _print_table(articles: list[Article]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(articles)} articles", show_lines=False)
    for column in ("id", "title", "published", "words", "cut", "entities", "quotes", "dates"):
        table.add_column(column, overflow="fold")
    for a in articles:
        top = sorted(a.entities, key=lambda e: -len(e.mentions))[:3]
        table.add_row(
            a.id[:10],
            (a.title or a.text[:50]).strip(),
            a.published or "",
            str(len(a.text.split())),
            "yes" if a.truncated else "",
            ", ".join(e.name for e in top),
            str(len(a.quotes)),
            str(len(a.dates)),
        )
    # Piped output has no terminal width; keep rows readable rather than 80 columns wide.
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@cli.command()
@input_options
@db_option
def ingest(inputs: Inputs, db: str) -> None:
    """Analyze inputs and store the articles (already stored articles are skipped).

    PATH_OR_URL: as for `analyze` (files, http(s) URLs of pages or feeds, - for stdin).

    \b
    Examples:
      newsdesk ingest dump.txt feed.jsonl --published 2025-06-03 --db news.db
      newsdesk ingest https://example.org/world/rss.xml
    """
    from newsdesk.store import IngestStats, open_store

    problems = Problems()
    started = time.perf_counter()
    with open_store(db) as store, progress("ingesting") as update:
        records = analyzed(inputs, problems=problems, update=update)
        stats: IngestStats = store.ingest(records, batch_size=inputs.batch_size)
        elapsed = time.perf_counter() - started
        rate = stats.seen / elapsed if elapsed else 0.0
        click.echo(
            f"{stats.seen} articles read in {elapsed:.1f}s ({rate:.1f}/s): "
            f"{stats.added} added, {stats.replaced} replaced, {stats.unchanged} already stored."
        )
        counts = store.counts()
        click.echo(
            f"Store {db}: {counts['articles']} articles, {counts['entities']} entities, "
            f"{counts['quotes']} quotes, {counts['dates']} dates, {counts['places']} places."
        )
        top = store.entities(limit=5)
        if top:
            click.echo(
                "Most mentioned: "
                + ", ".join(f"{e['name']} ({e['article_count']})" for e in top)
                + "."
            )
    if problems.count:
        click.echo(f"{problems.count} bad record(s) skipped; see the errors above.", err=True)
        sys.exit(2)


@cli.command()
@click.argument("query", required=False, default="")
@click.option("--entity", help="Only articles mentioning this entity (name or variant).")
@click.option("--from", "date_from", callback=_validate_date, help="Published on or after.")
@click.option("--to", "date_to", callback=_validate_date, help="Published on or before.")
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text")
@db_option
def search(
    query: str,
    entity: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
    fmt: str,
    db: str,
) -> None:
    """Full-text search over titles and texts, with snippets.

    Words are ANDed; FTS5 syntax ("exact phrase", OR, NOT, prefix*) works too.

    \b
    Examples:
      newsdesk search "peace talks" --entity Zelensky --from 2025-06-01
      newsdesk search --entity "Jimmy Sham"
    """
    from newsdesk.store import open_store

    with open_store(db) as store:
        hits = store.search(
            query,
            entity=entity,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            offset=offset,
            marks=("\x02", "\x03") if fmt == "text" else ("[", "]"),
        )
    if fmt == "jsonl":
        for hit in hits:
            click.echo(json.dumps(hit.__dict__, ensure_ascii=False))
        return
    if not hits:
        click.echo("No articles found.")
        return
    for hit in hits:
        click.secho(f"{hit.id}  {hit.published or '':10}  {hit.title or ''}", bold=True)
        snippet = hit.snippet.replace("\x02", click.style("", fg="yellow", reset=False))
        snippet = snippet.replace("\x03", click.style("", reset=True))
        click.echo(f"    {snippet}")


@cli.command()
@click.argument("article_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
def show(article_id: str, fmt: str, db: str) -> None:
    """Show one stored article and everything found in it (ID or a unique id prefix)."""
    from newsdesk.store import open_store

    with open_store(db) as store:
        article = store.get(article_id)
    if article is None:
        raise NewsdeskError(f"no article with id {article_id!r}", source=db)
    if fmt == "json":
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return
    click.secho(article.title or "(no title)", bold=True)
    meta = [article.id, article.published or "no date", article.source or ""]
    if article.truncated:
        meta.append("TRUNCATED")
    click.echo("  ".join(m for m in meta if m))
    click.echo()
    click.echo(article.text)
    for caption in article.captions:
        click.echo(f"[caption] {caption}")
    if article.entities:
        click.echo()
        click.secho("Entities", bold=True)
        for e in sorted(article.entities, key=lambda e: -len(e.mentions)):
            variants = ", ".join(v for v in e.variants if v != e.name)
            extra = f"  (also: {variants})" if variants else ""
            click.echo(f"  {e.type:8} {e.name} x{len(e.mentions)}{extra}")
    if article.quotes:
        click.echo()
        click.secho("Quotes", bold=True)
        for q in article.quotes:
            click.echo(f"  {q.speaker or '?'} ({q.kind}, {q.cue or '-'}): {q.text}")
    if article.dates:
        click.echo()
        click.secho("Dates", bold=True)
        for d in article.dates:
            if d.value is None and d.anchor == "published":
                click.echo(f"  {d.text!r} -> ? ({d.type}; needs the publication date)")
            else:
                click.echo(f"  {d.text!r} -> {d.value or '?'} ({d.type})")
    if article.places:
        click.echo()
        click.secho("Places", bold=True)
        for p in article.places:
            if p.lat is None or p.lon is None:
                click.echo(f"  {p.text!r} -> {p.name} (not geocoded)")
            else:
                where = f"{p.name}, {p.country_code}" if p.country_code else p.name
                click.echo(f"  {p.text!r} -> {where} ({p.lat}, {p.lon})")


@cli.command()
@click.argument("name", required=False)
@click.option("--type", "type_", help="Only entities of this type (PERSON, ORG, GPE, ...).")
@click.option("--limit", default=30, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
def entities(name: str | None, type_: str | None, limit: int, fmt: str, db: str) -> None:
    """List the store's entities, or show one by NAME (any variant) or id.

    \b
    Examples:
      newsdesk entities --type PERSON
      newsdesk entities Zelensky
    """
    from newsdesk.store import open_store

    with open_store(db) as store:
        if name is None:
            rows = store.entities(type_=type_, limit=limit)
            if fmt == "json":
                click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
                return
            for row in rows:
                click.echo(
                    f"{row['id']}  {row['type']:8} {row['name']}  "
                    f"({_count(row['article_count'], 'article')}, "
                    f"{_count(row['mention_count'], 'mention')})"
                )
            return
        matches = store.find_entities(name)
        if type_:
            matches = [m for m in matches if m["type"] == type_.upper()]
        if not matches:
            raise NewsdeskError(f"no entity named {name!r}", source=db)
        details = [store.entity(m["id"]) for m in matches]
    if fmt == "json":
        click.echo(json.dumps(details, ensure_ascii=False, indent=2))
        return
    for d in details:
        assert d is not None
        click.secho(f"{d['name']} ({d['type']}, {d['id']})", bold=True)
        click.echo(
            "  variants: " + ", ".join(f"{v['variant']} x{v['count']}" for v in d["variants"])
        )
        click.echo(f"  articles ({len(d['articles'])}):")
        for a in d["articles"][:limit]:
            click.echo(f"    {a['id']}  {a['published'] or '':10}  {a['title'] or ''}")
        for label, key in (("quotes by", "quotes_by"), ("quotes about", "quotes_about")):
            if d[key]:
                click.echo(f"  {label} ({len(d[key])}):")
                for q in d[key][:limit]:
                    click.echo(f"    {q['speaker'] or '?'}: {_line(q['text'])}")
        if d["events"]:
            click.echo(f"  timeline ({len(d['events'])}):")
            for event in d["events"][:limit]:
                click.echo(f"    {_event(event)}")


@cli.command()
@click.argument("query", required=False, default="")
@click.option("--speaker", help="Quotes by this person or organisation (name or variant).")
@click.option("--about", help="Quotes that mention this entity.")
@click.option("--limit", default=30, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text")
@db_option
def quotes(
    query: str, speaker: str | None, about: str | None, limit: int, fmt: str, db: str
) -> None:
    """Who said what: quotes in the store, by speaker, about an entity, or matching QUERY.

    \b
    Examples:
      newsdesk quotes --speaker Zelensky
      newsdesk quotes ceasefire --about Putin
    """
    from newsdesk.store import open_store

    with open_store(db) as store:
        rows = store.quotes(query, speaker=speaker, about=about, limit=limit)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo("No quotes found.")
        return
    for row in rows:
        said, name = row["speaker"], row.get("speaker_name")
        click.secho(f"{name or said or '(unknown speaker)'}", bold=True, nl=False)
        # The article's own wording when the registry's name differs ("Zelenskiy").
        wording = f', as "{said}"' if name and said and said.casefold() != name.casefold() else ""
        click.echo(f"  [{row['kind']}, {row['published'] or ''}, {row['article_id']}{wording}]")
        click.echo(f"    {_line(row['text'])}")


@cli.command()
@click.argument("story_id", required=False)
@click.option("--limit", default=30, show_default=True)
@click.option("--min-articles", default=1, show_default=True, help="Hide smaller stories.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
def stories(story_id: str | None, limit: int, min_articles: int, fmt: str, db: str) -> None:
    """List the store's stories, or show one by STORY_ID (or a unique id prefix).

    A story is the articles about one real-world event, grouped at ingest; one story's view
    gives its articles, entities, quotes and timeline.

    \b
    Examples:
      newsdesk stories --min-articles 3
      newsdesk stories s_1a2b3c
    """
    from newsdesk.corpus.stories import find_story, list_stories, story_details
    from newsdesk.store import open_store

    with open_store(db) as store:
        if story_id is None:
            rows = list_stories(store.conn, limit=limit, min_articles=min_articles)
            if fmt == "json":
                click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
                return
            if not rows:
                click.echo("No stories found.")
            for row in rows:
                span = row["first_published"] or ""
                if row["last_published"] and row["last_published"] != span:
                    span += f" .. {row['last_published']}"
                count = f"{row['article_count']:4} article" + "s "[row["article_count"] == 1]
                click.echo(f"{row['id']}  {count}  {span:24} {row['label'] or ''}")
            return
        found = find_story(store.conn, story_id)
        details = story_details(store.conn, found) if found else None
    if details is None:
        raise NewsdeskError(f"no story with id {story_id!r}", source=db)
    if fmt == "json":
        click.echo(json.dumps(details, ensure_ascii=False, indent=2))
        return
    click.secho(f"{details['label'] or '(no label)'} ({details['id']})", bold=True)
    click.echo(
        f"  {_count(details['article_count'], 'article')}, "
        f"{details['first_published'] or '?'} .. {details['last_published'] or '?'}"
    )
    click.secho("Articles", bold=True)
    for a in details["articles"][:limit]:
        dup = f"  (duplicate of {a['duplicate_of']})" if a["duplicate_of"] else ""
        click.echo(f"  {a['id']}  {a['published'] or '':10}  {a['title'] or ''}{dup}")
    if details["entities"]:
        click.secho("Entities", bold=True)
        for e in details["entities"][:limit]:
            click.echo(f"  {e['type']:8} {e['name']}  ({_count(e['articles'], 'article')})")
    if details["quotes"]:
        click.secho("Quotes", bold=True)
        for q in details["quotes"][:limit]:
            click.echo(f"  {q['speaker'] or '?'}: {_line(q['text'])}")
    if details["timeline"]:
        click.secho("Timeline", bold=True)
        for event in details["timeline"][:limit]:
            click.echo(f"  {_event(event)}")


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="File to write (default: stdout; parquet needs a file).",
)
@db_option
def export(fmt: str, output: str | None, db: str) -> None:
    """Export every stored record (the same record `analyze` prints), streamed.

    Entity names are the store's canonical names, the same for one entity in every article.
    Parquet keeps the nesting: list<struct> columns for entities, quotes, dates, places ...

    \b
    Example:
      newsdesk export --format parquet -o news.parquet --db news.db
    """
    from newsdesk.export import write_csv, write_jsonl, write_parquet
    from newsdesk.store import open_store

    if fmt == "parquet" and output in (None, "-"):
        raise click.UsageError(
            "--format parquet writes a binary file, never to standard output: "
            "name one with -o FILE (e.g. -o news.parquet)"
        )
    with open_store(db) as store:
        writer = write_csv if fmt == "csv" else write_jsonl
        if fmt == "parquet" and output:
            count = write_parquet(store.export(), output)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                count = writer(store.export(), stream)
        else:
            count = writer(store.export(), sys.stdout)
    if output:
        click.echo(f"{count} records written to {output}", err=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token",
    envvar="NEWSDESK_TOKEN",
    help="Operator token that POST endpoints need (env NEWSDESK_TOKEN); none: read-only.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (each reads the store on its own).",
)
def serve(db: str, host: str, port: int, token: str | None, workers: int) -> None:
    """Serve the store: the JSON API under /api/ and the web UI at http://HOST:PORT/.

    \b
    Example:
      newsdesk serve --db news.db --port 8000
    """
    import uvicorn

    from newsdesk.serve import create_app

    app = create_app(db, token=token)
    mode = "writable with the token" if token else "read-only"
    click.echo(f"Serving {db} ({mode}) on http://{host}:{port}/  (Ctrl-C stops)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Worker processes import the app by name and read the store and token from here.
    os.environ["NEWSDESK_DB"] = db
    if token:
        os.environ["NEWSDESK_TOKEN"] = token
    uvicorn.run(
        "newsdesk.serve.api:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


@cli.command(name="eval")
@click.argument("task")
@click.option(
    "--data",
    type=click.Path(exists=True, path_type=Path),
    required=True,
    help="Labelled data: a file or folder (for `all`: the root holding every task's data).",
)
@click.option("--limit", type=int, help="Score only the first N documents (quick runs).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table")
def eval_(task: str, data: Path, limit: int | None, fmt: str) -> None:
    """Score a stage on labelled data, next to its baselines measured in the same run.

    TASK is one of the registered tasks (see below) or `all`.

    \b
    Example:
      newsdesk eval ner --data ../shared/eval/conll2003/eng.testa
    """
    from newsdesk.evaluate import TASKS, default_data, run_task

    tasks = sorted(TASKS) if task == "all" else [task]
    for name in tasks:
        path = default_data(name, data) if task == "all" else data
        report = run_task(name, path, limit=limit)
        if fmt == "json":
            click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        elif fmt == "markdown":
            click.echo(report.to_markdown() + "\n")
        else:
            _print_report(report)


def _print_report(report: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    metrics: list[str] = []
    for row in report.rows.values():
        metrics.extend(m for m in row if m not in metrics)
    table = Table(title=f"{report.task}  ({report.data})")
    table.add_column("system")
    for metric in metrics:
        table.add_column(metric, justify="right")
    for system, row in report.rows.items():
        cells = []
        for metric in metrics:
            value = row.get(metric)
            cells.append(
                "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
            )
        table.add_row(system, *cells)
    console = Console()
    console.print(table)
    for note in report.notes:
        console.print(note)


def _eval_help() -> str:
    from newsdesk.evaluate import TASKS

    lines = [f"  {name:10} {desc} (usually {where})" for name, (_, where, desc) in TASKS.items()]
    return "\n\n\b\nTasks:\n" + "\n".join(lines)


eval_.help = (eval_.help or "") + _eval_help()


def main() -> None:
    cli(prog_name="newsdesk")


if __name__ == "__main__":
    main()

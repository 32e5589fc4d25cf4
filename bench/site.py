"""The resident site's report flow under concurrent residents: server time per page, whole
submissions per second.

    uv run python -m bench.site [--residents 20] [--duration 30] [--warmup 5]
    uv run python -m bench.site --site http://127.0.0.1:8006/dev/    # a system already running

Each simulated resident is an HTTP client with its own cookies (its session), as a browser
without JavaScript would be: from the landlord's start page it follows "Start now", then on each
question page reads the form (the CSRF token included), answers it and posts it, following the
redirect to the next page, through "check your answers" to the confirmation page with the
reference; then it starts again. The answers are read from the form itself: the first option of
each question unless ``ANSWERS`` names one, text fields filled by their name. A page answered
with an error summary stops the run and prints the errors.

Without ``--site`` it starts the whole system (runner.System, the site included) on databases, a
vhost and ports of its own, with intake's per-client rate limit off (every resident comes from
this one address), and removes them afterwards. It prints, per page (method and path, the
landlord's slug as ``{slug}``), how many requests, and the time from sending each request to its
whole answer (p50, p95, max): on this machine's loopback that is the servers' time, the site's
and the APIs' it calls; and completed submissions per second over ``--duration`` seconds after
``--warmup`` seconds not counted. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

if not __package__:  # run as a file: make the repository's packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from asb_devtools.runner import (
    DEV_OFFICERS,
    DEV_ORGANISATION,
    System,
    SystemConfig,
    development_token,
    seed_development_data,
)
from asb_shared.auth.mint import ensure_dev_keys
from asb_shared.db import drop_database

from bench.journey.common import AMQP_BASE, POSTGRES, RESULTS_DIR, log, rabbitmqctl

NAME = "asbsite"
ANSWERS: dict[str, str | list[str]] = {
    "categories": ["noise"],
    "identity": "named",
    # Email safe and preferred (the first option of "unsafe" would contradict it).
    "safe": ["email"],
    "unsafe": [],
    "preferred": "email",
    "only-officer": "no",
}
"""Answers by field name where the first option would not do."""
DESCRIPTION = "Loud music and shouting from the flat above every night after midnight."
MAX_STEPS = 40
"""A flow longer than this is taken as a loop (a page that keeps coming back)."""


# --- reading a page's form ------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str, bool]] = field(default_factory=list)
    """(kind, name, value, checked) for each input, textarea and select option."""


class _Forms(HTMLParser):
    """The forms of a page, their fields, and the text of its error summary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.errors: list[str] = []
        self.links: dict[str, str] = {}
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._in_errors = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("id"):
            self.links[a["id"]] = a.get("href", "")
        if "govuk-error-summary__list" in a.get("class", ""):
            self._in_errors = 1
        elif self._in_errors and tag == "li":
            self._text = []
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind not in ("submit", "button", "reset", "image"):
                self._form.fields.append((kind, a["name"], a.get("value", ""), "checked" in a))
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form.fields.append(("textarea", a["name"], "", False))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select:
            self._form.fields.append(("option", self._select, a.get("value", ""), "selected" in a))
        elif tag == "button" and a.get("name"):
            # A named submit button ("continue" / "save") is part of what is posted.
            self._form.fields.append(("button", a["name"], a.get("value", ""), False))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "li" and self._in_errors:
            self.errors.append(" ".join("".join(self._text).split()))
        elif tag == "ul" and self._in_errors:
            self._in_errors = 0

    def handle_data(self, data: str) -> None:
        if self._in_errors:
            self._text.append(data)


def _value_for(name: str, kind: str, n: int) -> str:
    """A text answer chosen by the field's name."""
    lowered = name.lower()
    yesterday = date.today() - timedelta(days=1)
    for part, value in (
        ("day", str(yesterday.day)),
        ("month", str(yesterday.month)),
        ("year", str(yesterday.year)),
        ("postcode", "SK1 3XE"),
        ("email", f"bench+{n}@example.org"),
        ("phone", "07700900123"),
        ("mobile", "07700900123"),
        ("hour", "23"),
        ("minute", "30"),
        ("time", "23:30"),
        ("address", "12 Example Court, Stockport"),
        ("street", "12 Example Court"),
        ("town", "Stockport"),
        ("name", "Sam Resident"),
        ("description", DESCRIPTION),
        ("what", DESCRIPTION),
    ):
        if part in lowered:
            return value
    if kind == "email":
        return f"bench+{n}@example.org"
    if kind == "tel":
        return "07700900123"
    return "Loud music late at night" if kind != "textarea" else DESCRIPTION


def answers(form: Form, n: int) -> dict[str, str | list[str]]:
    """What a resident posts on this form."""
    out: dict[str, str | list[str]] = {}
    chosen: dict[str, list[str]] = defaultdict(list)
    for kind, name, value, checked in form.fields:
        if name in ANSWERS:
            out[name] = ANSWERS[name]
        elif kind == "hidden":
            out[name] = value
        elif kind in ("radio", "option"):
            if name not in out:
                out[name] = value  # the first option
            if checked:
                out[name] = value
        elif kind == "checkbox":
            chosen[name].append(value)
        elif kind == "file" or kind == "button":
            continue
        else:
            out[name] = value or _value_for(name, kind, n)
    for name, values in chosen.items():
        out.setdefault(name, values[:1])
    return out


# --- the residents --------------------------------------------------------------------------


@dataclass
class Figures:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    submissions: int = 0
    counting: bool = False
    failures: list[str] = field(default_factory=list)


def _page(url: str, slug: str) -> str:
    path = urlsplit(url).path
    return re.sub(rf"^/{re.escape(slug)}(/|$)", r"/{slug}\1", path)


async def resident(
    start: str, slug: str, figures: Figures, stop: asyncio.Event, number: int
) -> None:
    """One resident reporting again and again until ``stop``."""
    async with httpx.AsyncClient(timeout=60) as http:
        submission = 0
        while not stop.is_set():
            submission += 1
            n = number * 100_000 + submission

            async def timed(method: str, url: str, **kwargs: object) -> httpx.Response:
                began = time.perf_counter()
                answer = await http.request(method, url, **kwargs)  # type: ignore[arg-type]
                if figures.counting:
                    figures.times[f"{method} {_page(url, slug)}"].append(
                        time.perf_counter() - began
                    )
                return answer

            try:
                page = await timed("GET", start)
                parsed = _Forms()
                parsed.feed(page.text)
                url = urljoin(start, parsed.links.get("start", ""))
                page = await timed("GET", url)
                for _ in range(MAX_STEPS):
                    parsed = _Forms()
                    parsed.feed(page.text)
                    if parsed.errors:
                        raise RuntimeError(f"{_page(url, slug)}: {parsed.errors}")
                    posting = [f for f in parsed.forms if f.method == "post"]
                    if not posting:
                        break  # the confirmation page: no form left
                    form = posting[-1]
                    target = urljoin(url, form.action or url)
                    answer = await timed("POST", target, data=answers(form, n))
                    if answer.status_code not in (302, 303):
                        page, url = answer, target
                        continue
                    url = urljoin(target, answer.headers["location"])
                    page = await timed("GET", url)
                else:
                    raise RuntimeError(f"no confirmation after {MAX_STEPS} pages ({url})")
                if page.status_code != 200 or "govuk-panel" not in page.text:
                    raise RuntimeError(f"{_page(url, slug)} answered {page.status_code}")
                if figures.counting:
                    figures.submissions += 1
            except Exception as exc:
                figures.failures.append(f"resident {number}: {exc}")
                stop.set()


async def load(start: str, residents: int, warmup: float, duration: float) -> Figures:
    slug = urlsplit(start).path.strip("/").split("/")[0]
    figures = Figures()
    stop = asyncio.Event()
    tasks = [asyncio.create_task(resident(start, slug, figures, stop, i)) for i in range(residents)]
    log(f"{residents} residents: {warmup:g}s warm-up, then {duration:g}s counted")
    await asyncio.sleep(warmup)
    figures.counting = True
    began = time.monotonic()
    # Until the duration is up, or a resident fails.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=duration)
    figures.counting = False
    elapsed = time.monotonic() - began
    stop.set()
    await asyncio.gather(*tasks)
    figures.times["_elapsed"] = [elapsed]
    return figures


def report(figures: Figures, residents: int) -> None:
    elapsed = figures.times.pop("_elapsed")[0]
    print(f"\nThe report flow, {residents} concurrent residents, {elapsed:.1f}s counted")
    print(f"{'page':44s} {'requests':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for page, times in sorted(figures.times.items(), key=lambda kv: kv[0].split(" ", 1)[::-1]):
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(
            f"{page:44s} {len(times):8d} {statistics.median(times) * 1000:8.0f}"
            f" {p95 * 1000:8.0f} {ordered[-1] * 1000:8.0f}"
        )
    print(
        f"\nwhole submissions: {figures.submissions} in {elapsed:.1f}s = "
        f"{figures.submissions / elapsed:.2f} per second"
    )
    for failure in figures.failures[:5]:
        print(f"FAILED {failure}")


# --- the system -----------------------------------------------------------------------------


def db_url(service: str) -> str:
    return f"{POSTGRES}/{NAME}_{service.replace('-', '_')}"


@contextmanager
def own_system() -> Iterator[str]:
    """The whole system on databases, a vhost and ports of its own; yields the development
    landlord's site address."""
    _, public_key = ensure_dev_keys()
    config = SystemConfig.on_free_ports(
        lambda service: {
            "DATABASE_URL": db_url(service),
            "AMQP_URL": f"{AMQP_BASE}/{NAME}",
            "JWT_PUBLIC_KEY_FILE": str(public_key),
            # Every resident comes from this one address: intake's per-client limit is off.
            "PUBLIC_RATE_PER_MINUTE": "0",
            "LOG_JSON": "false",
            # A shared machine's PostgreSQL (100 connections): small pools.
            "DATABASE_POOL_SIZE": "3",
        },
        RESULTS_DIR / "logs" / "site",
    )
    for service in config.services:
        asyncio.run(drop_database(db_url(service)))
    rabbitmqctl("delete_vhost", NAME)
    rabbitmqctl("add_vhost", NAME)
    rabbitmqctl("set_permissions", "-p", NAME, "guest", ".*", ".*", ".*")
    try:
        with System(config) as system:
            log("migrating and starting the system, the site included")
            system.migrate()
            system.start(timeout=180)
            seed_development_data(
                config,
                development_token("admin", "bench-admin"),
                development_token("platform_admin", "bench-platform"),
                DEV_OFFICERS,
            )
            yield config.landlord_site_url(str(DEV_ORGANISATION["reference_prefix"]))
    finally:
        for service in config.services:
            asyncio.run(drop_database(db_url(service)))
        rabbitmqctl("delete_vhost", NAME)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.site", description=__doc__)
    parser.add_argument("--residents", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds counted")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds not counted")
    parser.add_argument("--site", help="a running landlord's site, e.g. http://127.0.0.1:8006/dev/")
    args = parser.parse_args()
    if args.site:
        figures = asyncio.run(load(args.site, args.residents, args.warmup, args.duration))
    else:
        with own_system() as start:
            figures = asyncio.run(load(start, args.residents, args.warmup, args.duration))
    report(figures, args.residents)


if __name__ == "__main__":
    main()

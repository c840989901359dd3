"""Follow every link a user is shown, as that user: the pages that answer 4xx or 5xx.

Same-site ``<a href>`` links only, fetched with GET (a link never writes); pages are parsed for more
links, downloads (DOCX, PDF, XLSX) are fetched and checked but not parsed. Rendering a document costs
seconds, so of the downloads of one shape (the address with its numbers taken out: every year's decision
PDF is one shape) only the first few are fetched; pages are all fetched, up to the limit. Used by the persona crawl
test; run it by hand against a demo database with ``python -m thidua.tests.crawl LIMIT USERNAME…``.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client

HREF = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"", re.I | re.S)
# Addresses a crawl leaves alone: Django's administration is its own site (its links are Django's), and
# static files are not pages.
SKIP = ("/static/", "/admin/", "/api/")
DOWNLOAD = re.compile(r"\.(pdf|docx|xlsx|csv)$|[?&]format=xlsx")
DOWNLOADS_PER_SHAPE = 2


def shape(url: str) -> str:
    return re.sub(r"\d+", "#", url)


@dataclass
class Crawl:
    fetched: dict[str, int] = field(default_factory=dict)
    found_on: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> dict[str, tuple[int, str]]:
        return {url: (status, self.found_on.get(url, "")) for url, status in self.fetched.items() if status >= 400}


def links(html: str, base: str) -> list[str]:
    found = []
    for raw in HREF.findall(html):
        href = unescape(raw).strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
            continue
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in {"", "http"} or (parts.netloc and parts.netloc not in {"testserver", "localhost"}):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(SKIP):
            continue
        found.append(path)
    return found


def crawl(client: Client, *, start: str = "/", limit: int = 500, keep_bodies: bool = False) -> Crawl:
    result = Crawl()
    queue: deque[str] = deque([start])
    seen = {start}
    shapes: dict[str, int] = {}
    while queue and len(result.fetched) < limit:
        url = queue.popleft()
        if DOWNLOAD.search(url):
            shapes[shape(url)] = shapes.get(shape(url), 0) + 1
            if shapes[shape(url)] > DOWNLOADS_PER_SHAPE:
                continue
        started = time.monotonic()
        response = client.get(url)
        result.seconds[url] = time.monotonic() - started
        result.fetched[url] = response.status_code
        if response.status_code in {301, 302} and (target := response.headers.get("Location")):
            for link in links(f'<a href="{target}">', url):
                if link not in seen:
                    seen.add(link)
                    result.found_on[link] = url
                    queue.append(link)
            continue
        if not response.headers.get("Content-Type", "").startswith("text/html") or response.status_code >= 400:
            continue
        html = response.content.decode()
        if keep_bodies:
            result.bodies[url] = html
        for link in links(html, url):
            if link not in seen:
                seen.add(link)
                result.found_on[link] = url
                queue.append(link)
    return result


if __name__ == "__main__":  # pragma: no cover — a tool to look at a demo database by hand
    import sys

    import django

    django.setup()
    from thidua.accounts.models import User

    limit = int(sys.argv[1])
    for username in sys.argv[2:]:
        client = Client(HTTP_HOST="localhost")
        client.cookies["django_language"] = "en"
        client.force_login(User.objects.get(username=username))
        done = crawl(client, limit=limit)
        print(f"{username}: {len(done.fetched)} pages, {len(done.errors)} errors, {sum(done.seconds.values()):.0f} s")
        for url, seconds in sorted(done.seconds.items(), key=lambda item: -item[1])[:5]:
            print(f"  slow {seconds:.1f} s {url}")
        for url, (status, page) in sorted(done.errors.items()):
            print(f"  {status} {url}  (linked from {page})")

"""No link to a refusal (#15.2): as each of the seven personas of the demo, follow every link shown —
menus, tabs, buttons, downloads — from the home page (same site, GET, up to 500 pages each), and as a
visitor without an account from the login page: not one answers 4xx or 5xx.

Building the story takes two to three minutes and the crawl several more: it runs in an xdist group of
its own.
"""

from __future__ import annotations

import pytest
from django.test import Client

from thidua.accounts.models import User
from thidua.accounts.personas import PERSONAS
from thidua.demo_data import demo_load
from thidua.testing import client_for
from thidua.tests.crawl import crawl

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-story-crawl")]

PAGES_PER_PERSONA = 500


def test_every_link_shown_to_each_persona_and_to_the_public_opens() -> None:
    demo_load(story=True)
    failures: dict[str, dict[str, tuple[int, str]]] = {}
    reached: dict[str, int] = {}
    for persona in PERSONAS:
        done = crawl(client_for(User.objects.get(username=persona.username)), limit=PAGES_PER_PERSONA)
        reached[persona.username] = len(done.fetched)
        if done.errors:
            failures[persona.username] = done.errors
    visitor = Client()
    visitor.cookies["django_language"] = "en"
    public = crawl(visitor, start="/accounts/login/", limit=PAGES_PER_PERSONA)
    if public.errors:
        failures["(visitor)"] = public.errors
    assert failures == {}
    # The crawl went somewhere: every persona reaches its pages, the visitor the public ones.
    assert all(count >= 20 for count in reached.values()), reached
    assert "/public/honour/" in public.fetched and "/public/rounds/" in public.fetched

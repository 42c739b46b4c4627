"""Every page a role can reach by following links works for that role.

The demo council (imported seeds, generated plan) is crawled from the home page as each
role, following every internal link: no page fails, no link shown to a role leads to a
"forbidden" or "not found" page, every page has one h1 and a title, and dates are written
the GOV.UK way. Another council's records never appear.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from improvement import roles
from improvement.models import Action, AdviserGrant, Authority
from tests.factories import ActionFactory, AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db
MAX_PAGES = 160
SKIP = re.compile(r"^/(?:admin/|sign-out/|static/|media/)|\.(?:pdf|xlsx|csv)$|/exports/|/pack/committee-pack")
ISO_DATE = re.compile(r">[^<]*\b20\d\d-\d\d-\d\d\b[^<]*<")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.h1, self.title = [], 0, ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.fixture
def demo_council(db):
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
    authority = AuthorityFactory(name="Crawlshire Council")
    call_command("generate_demo", "--into", "Crawlshire Council", "--actions-per-authority", "40", verbosity=0)
    foreign = ActionFactory(authority=AuthorityFactory(name="Elsewhere Council"), title="A secret action elsewhere")
    return authority, foreign


# a scrolling table's region is named by its caption: two regions of one name on a page are indistinguishable
REGION_NAME = re.compile(r'role="region" aria-label="([^"]*)"')


def _crawl(client, start="/"):
    seen, queue, problems, pages = set(), deque([start]), [], 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        pages += 1
        if response.status_code in (301, 302):
            target = response["Location"]
            if target.startswith("/") and target not in seen:
                queue.append(target)
            continue
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        cache_control = response.get("Cache-Control", "")
        if response.wsgi_request.user.is_authenticated and not {"private", "no-store"} <= set(
            part.strip() for part in cache_control.split(",")
        ):
            problems.append(f"{url}: Cache-Control is {cache_control!r}, not private, no-store")
        policy = response.get("Content-Security-Policy", "")
        if "script-src 'self'" not in policy or "unsafe-inline" in policy:
            problems.append(f"{url}: Content-Security-Policy is {policy!r}")
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        parser = _Links()
        parser.feed(html)
        if parser.h1 != 1:
            problems.append(f"{url}: {parser.h1} h1 headings")
        if not parser.title.strip():
            problems.append(f"{url}: no title")
        regions = [name for name in REGION_NAME.findall(html)]
        repeated = sorted({name for name in regions if regions.count(name) > 1})
        if repeated:
            problems.append(f"{url}: regions a screen reader cannot tell apart: {repeated}")
        if ISO_DATE.search(html):
            problems.append(f"{url}: a date written as {ISO_DATE.search(html).group(0)[:60]!r}")
        yield url, html
        for href in parser.links:
            href, _ = urldefrag(href)
            parts = urlparse(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or SKIP.search(parts.path):
                continue
            if href not in seen:
                queue.append(href)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", [roles.IMPROVEMENT_LEAD, roles.MANAGER, roles.SCRUTINY_MEMBER])
def test_every_linked_page_works_for_each_role_and_shows_only_its_council(client, demo_council, role):
    authority, foreign = demo_council
    user = authority.users.filter(groups__name=role).first() or UserFactory(authority=authority, role=role)
    client.force_login(user)
    visited = []
    for url, html in _crawl(client):
        visited.append(url)
        assert "A secret action elsewhere" not in html, url
        assert "Elsewhere Council" not in html, url
    assert len(visited) >= 8, visited
    assert any(u.startswith("/actions/") for u in visited)
    if role == roles.SCRUTINY_MEMBER:
        assert not any(u.endswith("/edit/") or u.startswith("/manage/") or u.startswith("/imports/") for u in visited)


def test_a_signed_out_visitor_is_sent_to_sign_in_from_every_page(client, demo_council):
    authority, _ = demo_council
    action = Action.objects.filter(authority=authority).first()
    for url in [
        "/my-actions/",
        "/actions/",
        f"/actions/{action.pk}/",
        "/dashboard/",
        "/recommendations/",
        "/measures/",
        "/changes/",
        "/inspections/",
        "/pack/",
        "/imports/",
        "/manage/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url
    assert Authority.objects.count() == 2


def test_every_linked_page_works_for_a_regional_adviser_and_shows_only_councils_granted(client, demo_council):
    """An adviser reads the councils granted to them, from the region view on: every page they can reach works,
    none is a form that changes anything, and a council not granted never appears."""
    authority, foreign = demo_council
    adviser = UserFactory(authority=None, username="adviser")
    adviser.groups.add(Group.objects.get_or_create(name=roles.REGIONAL_ADVISER)[0])
    AdviserGrant.objects.create(user=adviser, authority=authority)
    client.force_login(adviser)
    visited = []
    for url, html in _crawl(client):
        visited.append(url)
        assert "A secret action elsewhere" not in html, url
        assert "Elsewhere Council" not in html, url
    assert any(u.startswith("/region/") for u in visited), visited
    assert any(u.startswith("/actions/") for u in visited), visited
    assert not any(u.endswith("/edit/") or u.startswith(("/manage/", "/imports/")) for u in visited), visited


def test_every_linked_page_works_for_a_superuser(client, demo_council):
    """A superuser reaches what no council role does (every council, the region view, the frameworks,
    the national figures): each of those pages works too."""
    authority, foreign = demo_council
    root = UserFactory(authority=None, username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    visited = [url for url, _html in _crawl(client)]
    assert any(u.startswith("/region/") for u in visited), visited
    assert len(visited) >= 20, visited

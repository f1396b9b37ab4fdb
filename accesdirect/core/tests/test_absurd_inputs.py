"""No input breaks a file: every form of the application, fed absurd values one field at a
time, answers with a page (refusal or success), never a server error, and every page of the
file still opens afterwards.

The forms are not listed by hand: each page of the URL conf is opened as Camille (owner of one
object of every model, see test_isolation), its forms are read from the HTML, and each field
is filled in turn with year 1, year 9999, 20-digit and negative numbers, a huge text or a
tampered choice, the other fields keeping the values the page proposes."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.tests.test_isolation import (  # noqa: F401 (pau_objects is a fixture)
    LIST_ROUTES,
    OBJECT_ID,
    OBJECT_ROUTES,
    _concrete,
    pau_objects,
)
from accesdirect.referentials.models import Appellation, Commune
from accesdirect.testing import factories as f

HUGE = "99999999999999999999"
# One or two values per kind of field: each is sent alone, the others keeping their values.
ABSURD = {
    "date": ["0001-01-01", "9999-12-31"],
    "datetime-local": ["0001-01-01T00:00", "9999-12-31T23:59"],
    "number": [HUGE, "-1"],
    "text": [HUGE],
    "select": [HUGE],
}
# Query strings that lists and fragments read themselves (pagination, "see more", prefills).
ABSURD_QUERIES = [
    {"page": "9999999999999999999"},
    {"page": "²"},
    {"n": "²"},
    {"entreprise": HUGE},
]
# Fields that only name another field's search box, or what a form needs as is.
UNTOUCHED = {"csrfmiddlewaretoken"}
# Short text inputs (phones, SIRET, names); free texts (textareas) are stored as typed.
TEXT_TYPES = {"text", "search", "tel", "url"}
# Paths whose page is not an application form
# (the admin is tested on its own, the account pages would sign Camille out).
SKIPPED_PREFIXES = ("/admin/", "/deconnexion/", "/api/", "/webhooks/", "/i18n/", "/compte/", "/connexion/")


class _Forms(HTMLParser):
    """The forms of a page: action, method and fields (name, kind, proposed value, options)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action"),
                    "method": (attrs.get("method") or "get").lower(),
                    "fields": [],
                }
            )
        if not self.forms or "disabled" in attrs:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                fields.append(
                    {
                        "name": name,
                        "kind": kind,
                        "value": attrs.get("value", "on"),
                        "checked": "checked" in attrs,
                    }
                )
            else:
                fields.append({"name": name, "kind": kind, "value": attrs.get("value", "")})
        elif tag == "select" and name:
            self._select = {"name": name, "kind": "select", "value": None, "options": []}
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select["options"].append(value)
            if "selected" in attrs:
                self._select["value"] = value
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "kind": "textarea", "value": ""}
            fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data


def _page_forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _baseline(form: dict, fallbacks: dict) -> dict:
    """The values a person would send without changing anything: the proposed ones, the first
    choice of a list, the object of the test for an empty autocomplete."""
    data: dict[str, list[str]] = {}
    for field in form["fields"]:
        name, kind = field["name"], field["kind"]
        if kind == "checkbox":
            if field["checked"]:
                data.setdefault(name, []).append(field["value"])
        elif kind == "radio":
            if field["checked"] or name not in data:
                data[name] = [field["value"]]
        elif kind == "select":
            value = field["value"]
            if value in (None, ""):
                value = next((option for option in field["options"] if option), "")
            if not value:
                value = fallbacks.get(name, "")
            data[name] = [value]
        elif not field["value"] and name.endswith("_on"):
            data[name] = [timezone.localdate().isoformat()]
        else:
            data[name] = [field["value"] or fallbacks.get(name, "")]
    return data


def _absurd_values(field: dict) -> list[str]:
    kind = field["kind"]
    if field["name"].endswith("_search"):
        return []  # the search box of an autocomplete, not a field of the form
    if field["name"] in UNTOUCHED or kind in ("hidden", "checkbox", "radio", "password"):
        return ABSURD["select"] if kind in ("hidden", "radio") and field["name"] not in UNTOUCHED else []
    if kind in ABSURD:
        return ABSURD[kind]
    if kind in TEXT_TYPES:
        return ABSURD["text"]
    return []


def _path_of(form: dict, page: str) -> str:
    return form["action"] or page


@pytest.fixture
def world(request, pau, camille):
    """Pau's objects (test_isolation's `pau_objects`), and what forms pick from: another person
    to position, a commune and a job to choose in the autocompletes."""
    request.getfixturevalue("pau_objects")
    other = f.JobSeekerFactory(structure=pau, status="active")
    with scopes_disabled():
        commune = Commune.objects.first()
        appellation = Appellation.objects.first()
    return {
        "commune": str(commune.pk),
        "appellation": str(appellation.pk),
        "company": str(OBJECT_ID),
        "job_seeker": str(other.pk),
        "staff": "",
    }


# The pages that must open after any input was accepted.
FILE_PAGES = [
    ("seekers:detail", [OBJECT_ID]),
    ("seekers:list", []),
    ("offers:detail", [OBJECT_ID]),
    ("offers:list", []),
    ("companies:detail", [OBJECT_ID]),
    ("companies:list", []),
    ("immersions:detail", [OBJECT_ID]),
    ("dashboard:home", []),
    ("matching:board", []),
    ("outbox:list", []),
]


def _pages_still_open(client):
    for name, args in FILE_PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code in (200, 302), f"{name} answers {response.status_code} after the sweep"


PAGES = [*LIST_ROUTES, *OBJECT_ROUTES]


@pytest.mark.django_db
@pytest.mark.parametrize(("namespace", "route"), PAGES)
def test_no_absurd_value_in_any_form_is_a_server_error(camille_client, world, namespace, route):
    page = _concrete(route)
    if page.startswith(SKIPPED_PREFIXES):
        pytest.skip("not an application page")
    response = camille_client.get(page)
    for query in ABSURD_QUERIES:
        assert camille_client.get(page, query).status_code < 500, (page, query)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    accepted, seen = False, set()
    for form in _page_forms(response.content.decode()):
        path = _path_of(form, page)
        names = tuple(field["name"] for field in form["fields"])
        if path.startswith(SKIPPED_PREFIXES) or not path.startswith("/") or (path, names) in seen:
            continue
        seen.add((path, names))
        baseline = _baseline(form, world)
        for field in form["fields"]:
            for value in _absurd_values(field):
                data = {**baseline, field["name"]: [value]}
                send = camille_client.post if form["method"] == "post" else camille_client.get
                answer = send(path, data)
                assert answer.status_code < 500, (path, field["name"], value)
                # A redirect after a POST: the value was accepted, the pages must still read it.
                accepted |= form["method"] == "post" and answer.status_code == 302
    if accepted:
        _pages_still_open(camille_client)


def test_the_form_reader_finds_fields_of_every_kind():
    html = """<form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
    <input type="date" name="starts_on" value="2026-01-01"><select name="site"><option value="">-</option>
    <option value="3">A</option></select><textarea name="notes">hello</textarea>
    <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b" checked>
    <input type="submit" name="go"></form>"""
    (form,) = _page_forms(html)
    assert form["action"] == "/x/" and form["method"] == "post"
    assert _baseline(form, {}) == {
        "csrfmiddlewaretoken": ["t"],
        "starts_on": ["2026-01-01"],
        "site": ["3"],
        "notes": ["hello"],
        "kind": ["b"],
    }
    assert re.fullmatch(r"0001-01-01", _absurd_values(form["fields"][1])[0])

"""The admin's change form as a browser sends it back: every field with its current value,
the inlines' management forms included, so a test changes only what it names."""

from __future__ import annotations

from html.parser import HTMLParser

from django.contrib.auth.models import Permission
from django.test import Client

from samverka.accounts.tests.factories import UserFactory


def staff_client(*codenames: str, app_label: str) -> Client:
    """Kim, logged in, who may open the admin and holds Django's model permissions named
    (e.g. "change_need") but no role in the platform: the services' rules must refuse Kim."""
    kim = UserFactory(first_name="Kim", last_name="Ek", email="kim@example.org", is_staff=True)
    kim.user_permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    client = Client()
    client.force_login(kim)
    return client


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:  # a browser drops the newline right after <textarea>
            text = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = text + (data if text else data.removeprefix("\n"))


def admin_form(client, url: str, **changes) -> dict:
    """The form at `url` (as `client` sees it), with `changes` put in."""
    response = client.get(url)
    assert response.status_code == 200, url
    reader = _FormReader()
    reader.feed(response.content.decode())
    data = {name: values if len(values) != 1 else values[0] for name, values in reader.data.items()
            if not name.endswith("__prefix__") and "__prefix__" not in name}
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data

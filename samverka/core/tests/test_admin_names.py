"""Maja, the administrator, reads the admin's sections in her language: one section per
thing, none with an English name left in it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def sections(html: str) -> list[str]:
    """The names of the admin index's sections (the captions of its app tables)."""
    return [re.sub(r"<[^>]+>", "", name).strip() for name in re.findall(r"<caption>(.*?)</caption>", html, re.S)]


@pytest.mark.parametrize(("language", "expected", "untranslated"), [
    ("sv", ["Användare och roller", "E-postadresser", "Tvåstegsverifiering", "Bakgrundsjobb"],
     ["MFA", "Authenticators", "Tasks Database Backend", "Task Results", "Epost-adresser"]),
    ("ar", ["المستخدمون والأدوار", "عناوين البريد الإلكتروني"], ["MFA", "Authenticators", "Task Results"]),
])
def test_the_admin_sections_have_one_name_each_in_the_language(client, administrator, language, expected,
                                                                untranslated):
    client.force_login(administrator)
    with translation.override(language):
        html = client.get(reverse("admin:index")).content.decode()
    names = sections(html)
    assert len(names) == len(set(names)), f"two sections share a name: {names}"
    for name in expected:
        assert name in names, names
    for word in untranslated:
        assert word not in html, word

"""Amina does everything with the keyboard only: she signs up, confirms her e-mail address,
registers her association and invites an editor. Nothing is clicked; Tab, typing, the
arrow keys, Space and Enter move her through the pages. Element lookups only check where
focus is."""

import re

import pytest
from stdnum.se import orgnr

from samverka.actors.models import Actor, ActorMembership, Invitation
from samverka.communication.models import OutboxMessage

from .helpers import focused, save_screenshots, tab_to

pytestmark = pytest.mark.browser

ORG_NUMBER = "802400-1235"
YELLOW = "rgb(255, 221, 0)"


def type_into_next_field(page, field_id: str, text: str):
    page.keyboard.press("Tab")
    assert focused(page)["id"] == field_id
    page.keyboard.type(text)


def test_amina_signs_up_registers_her_association_and_invites_an_editor(page, live_server):
    # The home page: to "Create account" in the menu.
    page.goto("/")
    tab_to(page, "header a[href='/konto/signup/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/signup/")

    # Sign up.
    tab_to(page, "#id_first_name")
    page.keyboard.type("Amina")
    type_into_next_field(page, "id_last_name", "Haddad")
    type_into_next_field(page, "id_email", "amina@example.org")
    type_into_next_field(page, "id_password1", "ett långt lösenord 42")
    type_into_next_field(page, "id_password2", "ett långt lösenord 42")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/confirm-email/")
    assert page.locator("h1").count() == 1
    save_screenshots(page, "verification-sent-sv")

    # The verification e-mail waits in the outbox; she opens its link.
    message = OutboxMessage.objects.get(to="amina@example.org")
    link = re.search(r"/konto/confirm-email/[^/\s]+/", message.body_text)
    assert link, message.body_text
    page.goto(link.group(0))
    save_screenshots(page, "confirm-email-sv")

    # Confirm the address: she is logged in and lands on her page.
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Space")
    page.wait_for_url("**/konto/")
    assert "Amina Haddad" in page.locator("h1").inner_text()
    save_screenshots(page, "dashboard-sv")

    # Register the association.
    tab_to(page, "main a[href='/aktorer/ny/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aktorer/ny/")
    tab_to(page, "#id_name")
    page.keyboard.type("Ekerö läsecirkel")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "kind", "the kind of actor comes next"
    for _ in range(len(Actor.Kind.choices) + 1):
        if focused(page)["value"] == Actor.Kind.ASSOCIATION:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    kind = focused(page)
    assert kind["value"] == Actor.Kind.ASSOCIATION and kind["checked"]
    assert orgnr.is_valid(ORG_NUMBER)
    tab_to(page, "#id_organisation_number")
    page.keyboard.type(ORG_NUMBER)
    type_into_next_field(page, "id_summary", "Vi läser en bok i månaden och pratar om den över en kopp kaffe.")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/aktorer/(?!ny/)[\w-]+/$"))
    actor = Actor.objects.get(name="Ekerö läsecirkel")
    assert page.url.endswith(actor.get_absolute_url())
    assert actor.kind == Actor.Kind.ASSOCIATION and actor.organisation_number == ORG_NUMBER
    assert actor.memberships.get().user.email == "amina@example.org"
    assert page.locator(".notice--success").is_visible()
    save_screenshots(page, "actor-created-sv")

    # People and invitations: invite Oskar as an editor.
    tab_to(page, f"main a[href='/aktorer/{actor.slug}/personer/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/aktorer/{actor.slug}/personer/")
    tab_to(page, "#id_email")
    page.keyboard.type("oskar@example.org")
    page.keyboard.press("Tab")
    role = focused(page)
    assert role["name"] == "role" and role["value"] == ActorMembership.Role.EDITOR and role["checked"]
    tab_to(page, "section[aria-labelledby=invite-title] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    invitation = Invitation.objects.get(actor=actor, email="oskar@example.org")
    assert invitation.role == ActorMembership.Role.EDITOR
    assert OutboxMessage.objects.filter(to="oskar@example.org").exists()
    assert page.locator(".notice--success").is_visible()
    assert "oskar@example.org" in page.locator("main").inner_text()
    save_screenshots(page, "people-after-invitation-sv")


def test_focus_is_always_visible_as_the_yellow_ring(page, live_server, actor):
    """Every link, button and field on the way through the home page and the directory
    shows the yellow focus colour when it has focus."""
    for path in ("/", "/aktorer/"):
        page.goto(path)
        page.keyboard.press("Tab")
        first = focused(page)
        assert first["tag"] == "a" and "#main" in page.evaluate("document.activeElement.href"), \
            "the skip link comes first"
        for _ in range(25):
            style = page.evaluate(
                """() => { const s = getComputedStyle(document.activeElement);
                    return {background: s.backgroundColor, outline: s.outlineColor, border: s.borderColor,
                            shadow: s.boxShadow}; }"""
            )
            assert YELLOW in (style["background"], style["outline"], style["border"]) or YELLOW in style["shadow"], \
                (focused(page), style)
            page.keyboard.press("Tab")
            if focused(page)["tag"] == "body":
                break


def test_the_skip_link_moves_focus_to_the_content(page, live_server):
    page.goto("/aktorer/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")

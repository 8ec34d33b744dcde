"""The setup guide's steps and the go-live checklist, every item computed from the data.

Each item says whether it passes, whether going live needs it, and which step of the guide
fixes it. The checklist reads a fixed number of rows whatever the size of the installation
(a handful of EXISTS queries)."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverka.communication.models import OutboxMessage
from samverka.grants.models import GrantProgramme
from samverka.matching.models import Programme
from samverka.municipality.models import Area, District, Municipality, OfficeMembership, TargetGroup

# The demo municipality's invented domain: its accounts and default addresses end with it.
DEMO_DOMAIN = "@samverka.example"
TEST_MESSAGE_KEY = "setup.test-{channel}:{sender}:"


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    url_name: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


STEPS = [
    Step("name", _("Name and contact"), "setup:guide_name"),
    Step("logo", _("Logo"), "setup:guide_logo"),
    Step("colours", _("Colours"), "setup:guide_colours"),
    Step("offices", _("Offices and committees"), "setup:guide_offices"),
    Step("places", _("Parts of the municipality, areas and target groups"), "setup:guide_places"),
    Step("programmes", _("Programmes"), "setup:guide_programmes"),
    Step("texts", _("Privacy notice and accessibility statement"), "setup:guide_texts"),
    Step("messages", _("E-mail and SMS"), "setup:guide_messages"),
]
STEP = {step.slug: step for step in STEPS}


@dataclass(frozen=True)
class Item:
    key: str
    label: Promise
    ok: bool
    step: Step
    required: bool = True
    link: str = ""

    @property
    def url(self) -> str:
        return self.link or self.step.url


def test_message_key(channel: str, sender: str) -> str:
    """The outbox key prefix of the guide's test messages from `sender`: a message from the current
    sender counts, one sent before the sender changed does not (see `checklist`)."""
    return TEST_MESSAGE_KEY.format(channel=channel, sender=sender.lower())


def checklist(m: Municipality | None = None) -> list[Item]:
    m = m or Municipality.current()
    User = get_user_model()
    name_default = Municipality._meta.get_field("name").default
    short_default = Municipality._meta.get_field("short_name").default
    sender = (m.email_sender_address or "").lower()
    test_delivered = bool(sender) and OutboxMessage.objects.filter(
        channel=OutboxMessage.Channel.EMAIL, status=OutboxMessage.Status.SENT,
        idempotency_key__startswith=test_message_key("email", sender)).exists()
    return [
        Item("name", _("The municipality's own name, not the demo's"),
             m.name != name_default and m.short_name != short_default, STEP["name"]),
        Item("contact", _("A contact address of the municipality's own"),
             not m.contact_email.lower().endswith(DEMO_DOMAIN), STEP["name"]),
        Item("logo", _("A logo"), bool(m.logo), STEP["logo"]),
        Item("colours", _("Colours that pass the contrast check"), m.colours_pass, STEP["colours"]),
        Item("office", _("At least one office with an official"),
             OfficeMembership.objects.filter(user__is_active=True).exists(), STEP["offices"]),
        Item("districts", _("Parts of the municipality"), District.objects.exists(), STEP["places"]),
        Item("areas", _("Areas"), Area.objects.exists(), STEP["places"]),
        Item("target_groups", _("Target groups"), TargetGroup.objects.exists(), STEP["places"], required=False),
        Item("programmes", _("A grant programme or a matching programme"),
             GrantProgramme.objects.exists() or Programme.objects.exists(), STEP["programmes"], required=False),
        Item("privacy", _("The municipality's own privacy notice and data protection officer"),
             bool(m.privacy_notice.strip()) and not m.privacy_contact.lower().endswith(DEMO_DOMAIN), STEP["texts"]),
        Item("accessibility", _("An accessibility statement with the date of your own assessment"),
             bool(m.accessibility_statement.strip()) and m.accessibility_assessed_on is not None
             and not m.accessibility_contact.lower().endswith(DEMO_DOMAIN), STEP["texts"]),
        Item("sender", _("An e-mail sender of the municipality's own"),
             bool(sender) and not sender.endswith(DEMO_DOMAIN), STEP["messages"]),
        Item("test_email", _("A test e-mail from that sender delivered"), test_delivered, STEP["messages"]),
        Item("sms_sender", _("An SMS sender name"), bool(m.sms_sender), STEP["messages"], required=False),
        Item("two_factor", _("At least one administrator who logs in with two-factor authentication"),
             Authenticator.objects.filter(type=Authenticator.Type.TOTP, user__is_superuser=True,
                                          user__is_active=True).exists(), STEP["offices"],
             link=reverse("mfa_activate_totp")),
        Item("demo", _("No demo accounts left (addresses ending in @samverka.example)"),
             not User.objects.filter(email__iendswith=DEMO_DOMAIN).exists(), STEP["offices"],
             link=reverse("admin:accounts_user_changelist") + "?q=samverka.example"),
    ]


def progress(items: list[Item]) -> list[dict]:
    """Every step with its items and whether they all pass."""
    rows = []
    for step in STEPS:
        mine = [item for item in items if item.step is step]
        rows.append({"step": step, "items": mine, "done": all(item.ok for item in mine)})
    return rows


def ready(items: list[Item]) -> bool:
    return all(item.ok for item in items if item.required)

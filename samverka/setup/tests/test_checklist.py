"""The go-live checklist: every item computed from the data, each tested on its own: it fails on
a fresh installation (or with the demo's values) and passes once Maja has done what it asks;
"ready to go live" only when every required item passes."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.communication import services as communication
from samverka.communication.models import OutboxMessage
from samverka.core.tests.helpers import says
from samverka.matching.tests.factories import ProgrammeFactory
from samverka.municipality.models import Area, District, Municipality, TargetGroup
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.setup import selectors, services


def items() -> dict[str, selectors.Item]:
    return {item.key: item for item in selectors.checklist()}


def set_row(**values) -> None:
    Municipality.current()
    Municipality.objects.update(**values)


def two_factor(user) -> None:
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})


def everything_done(administrator) -> None:
    """What a municipality ready to go live has."""
    set_row(name="Värmdö kommun", short_name="Värmdö", contact_email="kommun@varmdo.se", logo="municipality/l.png",
            privacy_notice="Vår text.", privacy_contact="dataskydd@varmdo.se",
            accessibility_statement="Vår redogörelse.", accessibility_contact="tillganglighet@varmdo.se",
            accessibility_assessed_on="2026-11-20", email_sender_address="samverka@varmdo.se")
    OfficeMembershipFactory()
    District.objects.create(name="Gustavsberg", slug="gustavsberg")
    two_factor(administrator)
    services.send_test_message(by=administrator, channel="email")
    communication.deliver_due()


ITEMS = {  # key: (what makes it pass)
    "name": lambda admin: set_row(name="Värmdö kommun", short_name="Värmdö"),
    "contact": lambda admin: set_row(contact_email="kommun@varmdo.se"),
    "logo": lambda admin: set_row(logo="municipality/l.png"),
    "office": lambda admin: OfficeMembershipFactory(),
    "districts": lambda admin: District.objects.create(name="Gustavsberg", slug="gustavsberg"),
    "privacy": lambda admin: set_row(privacy_notice="Vår text.", privacy_contact="dataskydd@varmdo.se"),
    "accessibility": lambda admin: set_row(accessibility_statement="Vår redogörelse.",
                                           accessibility_contact="tillganglighet@varmdo.se",
                                           accessibility_assessed_on="2026-11-20"),
    "sender": lambda admin: set_row(email_sender_address="samverka@varmdo.se"),
    "sms_sender": lambda admin: set_row(sms_sender="VarmdoKom"),
    "two_factor": two_factor,
    "programmes": lambda admin: ProgrammeFactory(),
}


@pytest.mark.parametrize("key", ITEMS)
def test_an_item_fails_until_it_is_done(administrator, key):
    assert not items()[key].ok
    ITEMS[key](administrator)
    assert items()[key].ok


def test_the_demo_name_and_addresses_do_not_pass(administrator):
    set_row(name="Ekerö kommun", short_name="Ekerö", contact_email="kommun@samverka.example",
            privacy_notice="Text", privacy_contact="dataskydd@samverka.example")
    found = items()
    assert not found["name"].ok and not found["contact"].ok and not found["privacy"].ok


def test_an_accessibility_statement_needs_its_assessment_date(administrator):
    set_row(accessibility_statement="Vår redogörelse.", accessibility_contact="tillganglighet@varmdo.se")
    assert not items()["accessibility"].ok


def test_colours_pass_by_default_and_fail_when_a_stored_colour_is_too_light(administrator):
    assert items()["colours"].ok
    set_row(colour_primary="#9ad0ec")  # e.g. stored before the check existed
    assert not items()["colours"].ok


def test_areas_and_target_groups_come_with_a_new_installation_but_are_checked(administrator):
    found = items()
    assert found["areas"].ok and found["target_groups"].ok
    Area.objects.all().delete()
    TargetGroup.objects.all().delete()
    found = items()
    assert not found["areas"].ok and not found["target_groups"].ok
    assert found["areas"].required and not found["target_groups"].required


def test_an_official_who_left_does_not_count(administrator):
    OfficeMembershipFactory(user__is_active=False)
    assert not items()["office"].ok


def test_the_test_email_counts_once_delivered_and_only_from_the_current_sender(administrator):
    set_row(email_sender_address="samverka@varmdo.se")
    services.send_test_message(by=administrator, channel="email")
    assert not items()["test_email"].ok  # still in the outbox
    communication.deliver_due()
    assert items()["test_email"].ok
    set_row(email_sender_address="info@varmdo.se")
    assert not items()["test_email"].ok


def test_a_failed_test_email_does_not_count(administrator):
    set_row(email_sender_address="samverka@varmdo.se")
    message = services.send_test_message(by=administrator, channel="email")
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)
    assert not items()["test_email"].ok


def test_two_factor_of_someone_who_is_no_administrator_does_not_count(administrator, official):
    two_factor(official)
    assert not items()["two_factor"].ok


def test_demo_accounts_left_fail_the_demo_item(administrator):
    assert items()["demo"].ok
    UserFactory(email="admin@samverka.example")
    assert not items()["demo"].ok


def test_ready_to_go_live_only_when_every_required_item_passes(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("setup:checklist"))
    assert page.status_code == 200 and not page.context["ready"]
    everything_done(administrator)
    page = client.get(reverse("setup:checklist"))
    assert page.context["ready"], [i.key for i in page.context["items"] if i.required and not i.ok]
    assert says("Ready to go live.") in page.text
    # the recommended items do not hold it back
    assert not {i.key for i in page.context["items"] if not i.ok} - {"sms_sender", "programmes"}


def test_every_missing_item_links_to_the_step_that_fixes_it(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("setup:checklist"))
    for item in page.context["items"]:
        if not item.ok:
            assert f'href="{item.url}"' in page.text, item.key
    assert items()["logo"].url == reverse("setup:guide_logo")
    assert items()["two_factor"].url == reverse("mfa_activate_totp")


def test_the_guide_shows_each_steps_progress(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("setup:guide_places"))
    steps = {row["step"].slug: row["done"] for row in page.context["steps"]}
    assert steps["colours"] and not steps["logo"]
    set_row(logo="municipality/l.png")
    page = client.get(reverse("setup:guide_places"))
    assert {row["step"].slug: row["done"] for row in page.context["steps"]}["logo"]
    assert 'aria-current="step"' in page.text


def test_the_checklist_asks_the_same_number_of_queries_whatever_the_size(client, administrator,
                                                                        django_assert_max_num_queries):
    client.force_login(administrator)
    client.get(reverse("setup:checklist"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("setup:checklist"))
    for n in range(20):
        OfficeMembershipFactory()
        District.objects.create(name=f"Del {n}", slug=f"del-{n}")
        UserFactory()
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("setup:checklist"))

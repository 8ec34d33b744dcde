"""Consent in the one way in. Ingrid writes about her husband through the municipality's one way
in and chooses "Äldre", a topic of Anhöriglänken: the form asks which of the link's parties
she wants to contact (or none in particular) and whether her details may go to that
organisation, named. With her consent the case goes straight to the organisation she chose;
without it the municipality keeps it, and her case's page says so plainly. An organisation
chosen without consent is refused next to the field, with what she wrote kept. The link's
own page takes the same choice, preselected from an organisation's page."""

import pytest
from django.urls import reverse

from samverka.cases.models import Case, CaseEvent, Consent
from samverka.cases.tests.helpers import case_form, new_url
from samverka.communication.models import OutboxMessage
from samverka.core.tests.helpers import says

pytestmark = pytest.mark.django_db

MESSAGE = "Min man har Parkinson och jag orkar inte längre. Vem kan jag prata med?"


def carer(**changes) -> dict:
    data = case_form(topic="aldre", message=MESSAGE, name="Ingrid Ström", email="ingrid.strom@example.org")
    data.update(changes)
    return data


def send(client, **changes) -> Case:
    response = client.post(new_url(), carer(**changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Case.objects.latest("pk")


def test_the_one_way_in_asks_whom_to_contact_and_names_them(client, carers_link):
    page = client.get(new_url()).content.decode()
    for name in ("Parkinson Ekerö", "Öar utan gränser", "Socialkontoret"):
        assert name in page
    assert says("Who do you want to contact?") in page
    assert says("No one in particular: let the link find the right one") in page
    assert 'name="consent"' in page


def test_with_consent_the_case_goes_straight_to_the_organisation_chosen(client, carers_link, representative):
    link = carers_link
    case = send(client, party=link.amal_party.pk, consent="on")
    # Öar utan gränser, as she chose, although the link's rule would send "Äldre" to Parkinson Ekerö.
    assert case.link == link and case.party == link.amal_party
    consent = case.consents.get()
    assert consent.party == link.amal_party and consent.given_how == Consent.How.FORM
    assert case.events.get(kind=CaseEvent.Kind.CONSENT).party == link.amal_party
    assert OutboxMessage.objects.filter(to="amal@example.org").exists()

    client.force_login(link.amal)
    assert case.reference in client.get(reverse("cases:link_inbox")).content.decode()
    client.force_login(representative)
    assert client.get(reverse("cases:link_case", args=[case.reference])).status_code == 404

    client.logout()
    status = client.get(case.get_private_url()).content.decode()
    assert says("You agreed that your details may go to %(party)s.", party="Öar utan gränser") in status
    assert "Öar utan gränser" in status


def test_an_organisation_chosen_without_consent_is_refused_and_the_input_kept(client, carers_link):
    response = client.post(new_url(), carer(party=carers_link.amal_party.pk))
    assert response.status_code == 200  # the form again, as the one way in answers every mistake
    page = response.content.decode()
    assert says("To contact %(party)s, tick the box: without your consent your details stay with the "
                "municipality. Or choose “No one in particular”.", party="Öar utan gränser") in page
    assert 'id="id_consent_error"' in page  # next to the box
    assert MESSAGE in page and "Ingrid Ström" in page
    assert "checked" in page.split(f'name="party" value="{carers_link.amal_party.pk}"')[1].split(">")[0]
    assert not Case.objects.exists()


def test_without_consent_the_municipality_keeps_the_case_and_says_so(client, carers_link):
    case = send(client)  # "No one in particular", no consent
    assert case.party == carers_link.coordinator and not case.consents.exists()
    status = client.get(case.get_private_url()).content.decode()
    assert says("%(office)s at the municipality handles your case. You have not agreed that your details go to an "
                "organisation in %(link)s, so they stay with the municipality.",
                office="Socialkontoret", link="Anhöriglänken") in status


def test_letting_the_link_decide_with_consent_follows_its_rule(client, carers_link):
    case = send(client, party="", consent="on")
    assert case.party == carers_link.eva_party
    assert case.consents.get().party is None  # to the organisation the link finds


def test_an_office_of_the_link_needs_no_consent(client, carers_link):
    case = send(client, party=carers_link.coordinator.pk)
    assert case.party == carers_link.coordinator and not case.consents.exists()


def test_a_party_chosen_for_another_topic_is_refused(client, carers_link):
    response = client.post(new_url(), carer(topic=case_form(topic="lokaler")["topic"],
                                            party=carers_link.eva_party.pk, consent="on"))
    assert response.status_code == 200
    assert 'id="id_party_error"' in response.content.decode()
    assert not Case.objects.exists()


def test_a_party_that_is_not_in_the_list_is_refused(client, carers_link):
    carers_link.amal_party.left_at = carers_link.amal_party.joined_at
    carers_link.amal_party.save()
    response = client.post(new_url(), carer(party=carers_link.amal_party.pk, consent="on"))
    assert response.status_code == 200
    assert says("Choose one of the parties in the list, or “No one in particular”.") in response.content.decode()
    assert not Case.objects.exists()


def test_the_form_sent_twice_is_one_case(client, carers_link):
    data = carer(party=carers_link.amal_party.pk, consent="on", submission_token="c" * 32)
    first = client.post(new_url(), data)
    second = client.post(new_url(), data)
    assert first["Location"] == second["Location"]
    assert Case.objects.count() == 1 and Consent.objects.count() == 1


def test_without_links_the_one_way_in_asks_nothing_more(client, offices):
    page = client.get(new_url()).content.decode()
    assert 'name="party"' not in page and 'name="consent"' not in page
    assert client.post(new_url(), case_form()).status_code == 302


def test_the_links_page_takes_a_party_chosen_on_an_organisations_page(client, carers_link):
    link = carers_link
    page = client.get(reverse("cases:link", args=[link.slug]) + f"?part={link.amal_party.pk}").content.decode()
    chosen = page.split(f'name="party" value="{link.amal_party.pk}"')[1].split(">")[0]
    assert "checked" in chosen
    data = {"kind": "question", "topic": link.topics.get(slug="aldre").pk, "district": "", "message": MESSAGE,
            "name": "Ingrid Ström", "email": "ingrid.strom@example.org", "phone": "", "website": "",
            "party": link.amal_party.pk}
    response = client.post(reverse("cases:link", args=[link.slug]), data)
    assert response.status_code == 400
    assert says("To contact %(party)s, tick the box: without your consent your details stay with the "
                "municipality. Or choose “No one in particular”.", party="Öar utan gränser") in response.content.decode()
    response = client.post(reverse("cases:link", args=[link.slug]), {**data, "consent": "on"})
    assert response.status_code == 302
    assert Case.objects.get().party == link.amal_party


def test_a_guessed_party_on_the_links_page_preselects_nothing(client, carers_link):
    page = client.get(reverse("cases:link", args=[carers_link.slug]) + "?part=999999").content.decode()
    assert "checked" in page.split('name="party" value=""')[1].split(">")[0]


def test_an_organisations_page_offers_to_contact_it_through_the_link(client, carers_link, social_official, actor):
    from django.test import Client

    visitor = Client()
    address = reverse("actors:detail", args=[actor.slug])
    contact_url = reverse("cases:link", args=[carers_link.slug]) + f"?part={carers_link.eva_party.pk}#contact-title"
    page = visitor.get(address).content.decode()
    assert says("Contact us through %(link)s", link="Anhöriglänken") in page and contact_url in page
    assert visitor.get(address).content.decode() == page  # kept in the page cache for visitors

    # Parkinson Ekerö leaves the link: its page no longer offers it, cache or not.
    client.force_login(social_official)
    client.post(reverse("cases:link_leave", args=[carers_link.slug]), {"party": carers_link.eva_party.pk})
    page = visitor.get(address).content.decode()
    assert contact_url not in page and says("Contact us through %(link)s", link="Anhöriglänken") not in page


def test_the_timeline_is_one_include_on_every_case_page(client, carers_link, social_official, representative):
    case = send(client, party="", consent="on")
    client.force_login(representative)
    partner = client.get(reverse("cases:link_case", args=[case.reference]))
    client.force_login(social_official)
    office = client.get(case.get_absolute_url())
    coordinator = client.get(reverse("cases:coordinate_case", args=[carers_link.slug, case.reference]))
    for response in (partner, office, coordinator):
        assert "cases/_timeline.html" in [t.name for t in response.templates]
        assert says("Routed to %(party)s", party="Parkinson Ekerö") in response.content.decode()


def _checked_topics(page: str) -> list[str]:
    """The values of the topic radio buttons the page checks."""
    import re

    return [value for tag in re.findall(r'<input type="radio" name="topic"[^>]*>', page) if " checked" in tag
            for value in re.findall(r'value="([^"]*)"', tag)]


def test_a_link_with_one_topic_has_it_chosen_on_its_page(client, carers_link):
    from samverka.cases.models import Topic

    page = client.get(reverse("cases:link", args=[carers_link.slug])).content.decode()
    assert _checked_topics(page) == []  # two topics: the person chooses

    only = Topic.objects.get(slug="aldre")
    carers_link.topics.set([only])
    page = client.get(reverse("cases:link", args=[carers_link.slug])).content.decode()
    assert _checked_topics(page) == [str(only.pk)]
    # What the person sent back keeps their choice: a form sent without a topic says so.
    data = carer(topic="")
    response = client.post(reverse("cases:link", args=[carers_link.slug]), data)
    assert response.status_code == 400
    assert _checked_topics(response.content.decode()) == []

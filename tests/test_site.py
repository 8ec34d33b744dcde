"""Site-wide checks: every page without arguments renders for every persona, in every
language, with one heading, the footer links, no inline script, and no migration is
missing."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from samverka.core.tests.helpers import h1_count

# Pages that answer something other than a page or a redirect to a plain GET, on purpose.
NOT_PAGES = {
    "api:schema", "api:api-root", "api:actor-list", "theme_css", "healthz", "actors:export_csv", "actors:export_json",
    "mfa_download_recovery_codes", "matching:regional_feed", "matching:regional_key", "matching:regional_inbox",
}
# Pages that exist only once something is set up (two-factor authentication), and say 404
# before; and allauth's page for a failed login at an identity provider, which says 401.
ALSO_ALLOWED = {
    "mfa_deactivate_totp": {404}, "mfa_view_recovery_codes": {404}, "socialaccount_login_error": {401},
    # A partner's inbox in a link across organisations is for its named handlers only, the
    # administrator included (personal data pass outside the municipality only to them): 403.
    "cases:link_inbox": {403},
}


def named_urls_without_arguments() -> list[str]:
    """Every URL name (with its namespace) that reverses without arguments."""
    names = []

    def walk(patterns, namespace="", arguments=0):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, arguments + pattern.pattern.regex.groups)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if arguments + pattern.pattern.regex.groups == 0:
                    names.append(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return sorted({n for n in names if not n.startswith("admin:") or n in {"admin:index", "admin:login"}})


URL_NAMES = named_urls_without_arguments()
PERSONAS = ["anonymous", "resident", "representative", "editor", "official", "administrator", "process_leader"]


def test_the_list_of_pages_is_the_one_we_think(db):
    for expected in ["home", "actors:directory", "actors:create", "accounts:dashboard", "accounts:my_data",
                     "account_login", "account_signup", "accessibility", "privacy", "healthz"]:
        assert expected in URL_NAMES
    assert len(URL_NAMES) > 30


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def check_page(name: str, url: str, response, language: str = "sv", may_refuse: bool = False) -> list[str]:
    """What is wrong with one page, as sentences (empty: nothing). `may_refuse`: a 403 is
    a right answer (a page for a role this person does not have); it must still be a page."""
    problems = []
    if name in NOT_PAGES:
        if response.status_code >= 500:
            problems.append(f"{name}: {response.status_code}")
        return problems
    admin = name.startswith("admin:")
    allowed = {200, 301, 302, 303} | ALSO_ALLOWED.get(name, set()) | ({403} if admin or may_refuse else set())
    if response.status_code not in allowed:
        return [f"{name} ({url}): status {response.status_code}"]
    if response.status_code in (301, 302, 303, 404) or not is_html(response):
        return problems
    html = response.content.decode()
    policy = response.get("Content-Security-Policy", "")
    script_src = re.search(r"script-src ([^;]*)", policy) or re.search(r"default-src ([^;]*)", policy)
    if not script_src or "'unsafe-inline'" in script_src.group(1) or "'unsafe-eval'" in script_src.group(1):
        problems.append(f"{name}: Content-Security-Policy allows inline scripts or is missing")
    if response.get("X-Frame-Options") != "DENY" or response.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{name}: security headers missing")
    if admin:  # Django's admin has its own layout
        return problems
    if h1_count(html) != 1:
        problems.append(f"{name}: {h1_count(html)} <h1>")
    with translation.override(language):
        accessibility, privacy = reverse("accessibility"), reverse("privacy")
    if f'href="{accessibility}"' not in html or f'href="{privacy}"' not in html:
        problems.append(f"{name}: footer lacks the accessibility statement or privacy page")
    direction = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
    if f'<html lang="{language}" dir="{direction}">' not in html:
        problems.append(f"{name}: not <html lang={language} dir={direction}>")
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        if body.strip() or "src=" not in attributes:
            problems.append(f"{name}: inline script")
    if re.search(r"<[^>]+\son[a-z]+\s*=", html):
        problems.append(f"{name}: inline event handler")
    if re.search(r'<[^>]+\sstyle\s*=\s*"', html):
        problems.append(f"{name}: inline style attribute (blocked by the CSP)")
    if re.search(r"<(?:input|textarea)\b[^>]*\smaxlength=", html):
        problems.append(f"{name}: maxlength (the browser cuts a long paste without a word)")
    return problems


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_renders_for_every_persona(client, persona, request, actor, representative, editor):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    problems, pages = [], 0
    for name in URL_NAMES:
        url = reverse(name)
        response = client.get(url)
        # Pages for a role (publishing for an actor or an office) refuse others; the
        # administrator may see every page.
        problems += check_page(name, url, response, may_refuse=persona not in ("anonymous", "administrator"))
        pages += response.status_code == 200 and is_html(response)
        if persona != "anonymous" and name == "account_logout":
            client.force_login(request.getfixturevalue(persona))
    assert not problems, "\n".join(problems)
    assert pages >= (10 if persona == "anonymous" else 15)


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_pages_carry_their_language_and_direction(client, language, actor, representative):
    client.force_login(representative)
    problems = []
    for name in ["home", "actors:directory", "actors:create", "accounts:dashboard", "account_email",
                 "accessibility", "privacy", "dialogue:index", "news:list", "news:subscribe",
                 "accounts:notifications", "guides:index", "guides:search", "plans:index", "plans:inventory",
                 "youth", "accounts:about_me", "plans:forward_look"]:
        with translation.override(language):
            url = reverse(name)
        assert url.startswith("/" if language == "sv" else f"/{language}/")
        problems += check_page(name, url, client.get(url), language=language)
    with translation.override(language):
        detail = actor.get_absolute_url()
    problems += check_page("actors:detail", detail, client.get(detail), language=language)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_pages_for_anonymous_visitors_in_each_language(client, language, actor):
    problems = []
    for name in ["home", "actors:directory", "account_login", "account_signup", "account_reset_password",
                 "goals:index"]:
        with translation.override(language):
            url = reverse(name)
        problems += check_page(name, url, client.get(url), language=language)
    assert not problems, "\n".join(problems)


def test_object_pages_pass_the_same_checks(client, actor, representative, official):
    from samverka.actors.tests.factories import InvitationFactory

    invitation = InvitationFactory(actor=actor, invited_by=representative)
    client.force_login(official)
    problems = []
    pages = {"actors:detail": [actor.slug], "actors:history": [actor.slug], "goals:goal": [3],
             "overview:index": []}
    for name, args in pages.items():
        url = reverse(name, args=args)
        problems += check_page(name, url, client.get(url))
    client.force_login(representative)
    for name in ["actors:edit", "actors:people", "actors:detail"]:
        url = reverse(name, args=[actor.slug])
        problems += check_page(name, url, client.get(url))
    url = invitation.get_absolute_url()
    problems += check_page("actors:invitation", url, client.get(url))
    client.logout()
    problems += check_page("actors:invitation", url, client.get(url))
    problems += _registration_pages(client, actor)
    problems += _coordinator_pages(client, official)
    problems += _dialogue_pages(client, official, representative)
    problems += _news_pages(client, official, actor)
    problems += _report_pages(client, official)
    problems += _guide_pages(client, official)
    problems += _plan_pages(client, official)
    problems += _crisis_provider_pages(client, official, representative, actor)
    problems += _standing_group_pages(client, official)
    problems += _link_coordinator_pages(client, official, actor, representative)
    assert not problems, "\n".join(problems)


def _link_coordinator_pages(client, official, actor, representative) -> list[str]:
    """A link across organisations that the official's office coordinates: the links, the work
    list, a case and the set-up; the one way in and the link's page asking whom to contact."""
    translation.activate("sv")  # a request to /en/ or /ar/ before leaves its language active
    from samverka.cases.models import Topic
    from samverka.cases.tests.factories import held_link_case

    office = official.office_memberships.get().office
    link, _party, case, _consent = held_link_case(office=office, actor=actor, handler=representative,
                                                  reference="EVI-2026-8101")
    link.topics.set(Topic.objects.filter(slug="aldre"))
    problems = []
    client.force_login(official)
    for url in [reverse("cases:coordinated"), reverse("cases:coordinate", args=[link.slug]),
                reverse("cases:coordinate_case", args=[link.slug, case.reference]),
                reverse("cases:link_setup", args=[link.slug])]:
        problems += check_page(url, url, client.get(url))
    client.logout()
    for url in [reverse("cases:new"), reverse("cases:link", args=[link.slug])]:
        problems += check_page(url, url, client.get(url))
    return problems


def _crisis_provider_pages(client, official, representative, actor) -> list[str]:
    """A crisis with an association as help provider: its page, the coordinator's list, the
    request handed to it, the join form, and a volunteer's "not needed" link."""
    translation.activate("sv")  # a request to /en/ or /ar/ before leaves its language active
    from samverka.crisis import services
    from samverka.crisis.models import HelpProvider, ProviderCapacity, ProviderTask
    from samverka.crisis.tests.factories import CrisisFactory, CrisisVolunteerFactory, HelpRequestFactory
    from samverka.volunteers.models import HelpKind

    office = official.office_memberships.get().office
    crisis = CrisisFactory(triage_offices=[office])
    services.forget_active_crisis()
    provider = HelpProvider.objects.create(crisis=crisis, actor=actor, contact_name="Eva Lindgren",
                                           contact_phone="+46701740612", hours="Vardagar 9–17")
    kind = HelpKind.objects.first()
    if kind is not None:
        ProviderCapacity.objects.create(provider=provider, help_kind=kind, per_day=20)
    help_request = HelpRequestFactory(crisis=crisis)
    ProviderTask.objects.create(help_request=HelpRequestFactory(crisis=crisis), provider=provider, status="accepted")
    link = CrisisVolunteerFactory(crisis=crisis)
    services.release_unneeded(crisis_id=crisis.pk)
    problems = []
    client.force_login(official)
    for url in [reverse("crisis:providers", args=[crisis.pk]), provider.get_absolute_url(),
                help_request.get_absolute_url()]:
        problems += check_page(url, url, client.get(url))
    client.force_login(representative)
    for url in [provider.get_absolute_url(), reverse("crisis:provider_join"), reverse("crisis:index")]:
        problems += check_page(url, url, client.get(url))
    client.logout()
    url = reverse("crisis:release", args=[services.release_token(link)])
    problems += check_page(url, url, client.get(url))
    return problems


def _news_pages(client, official, actor) -> list[str]:
    """A news post (public and to its officials), the newsletter's pages and its e-mails' links."""
    translation.activate("sv")  # a request to /en/ or /ar/ before leaves its language active
    from samverka.news import services
    from samverka.news.tests.factories import NewsletterFactory, PostFactory, SubscriberFactory

    post = PostFactory(kind="initiative", actor=actor, title="Parkinsongympa ger styrka")
    letter = NewsletterFactory(posts=[post])
    subscriber = SubscriberFactory(email="karin@example.org")
    problems = []
    client.force_login(official)
    for url in [post.get_absolute_url(), reverse("news:edit", args=[post.slug]), reverse("news:new"),
                reverse("news:newsletters"), reverse("news:new_newsletter"), letter.get_absolute_url()]:
        problems += check_page(url, url, client.get(url))
    client.logout()
    for url in [post.get_absolute_url(), reverse("news:subscribe_sent"),
                reverse("news:confirm", args=[services.confirm_token(subscriber)]),
                reverse("news:unsubscribe", args=[services.unsubscribe_token(subscriber)])]:
        problems += check_page(url, url, client.get(url))
    return problems


def _report_pages(client, official) -> list[str]:
    """A report of the official's office being made, ready and failed."""
    translation.activate("sv")  # a request to /en/ or /ar/ before leaves its language active
    from samverka.overview.models import Report

    office = official.office_memberships.get().office
    client.force_login(official)
    problems = []
    for year, status in ((2024, "running"), (2025, "done"), (2026, "failed")):
        report = Report.objects.create(kind="office", year=year, office=office, status=status, progress=40,
                                       step="pdf", attempts=1)
        url = reverse("overview:report", args=[report.pk])
        problems += check_page(url, url, client.get(url))
    for language in ("sv", "en", "ar"):
        with translation.override(language):
            url = reverse("overview:reports")
        problems += check_page("overview:reports", url, client.get(url), language=language)
    return problems


def _guide_pages(client, official) -> list[str]:
    """A guide, its history and edit form, a search and a topic without guides."""
    translation.activate("sv")  # a request to /en/ or /ar/ before leaves its language active
    from samverka.guides import services as guide_services
    from samverka.guides.tests.factories import make_guide

    guide = make_guide(by=official, title_sv="Så söker du bidrag", title_en="How to apply for a grant",
                       summary_en="The steps.", body_en="## First\n\n- one\n- two")
    guide_services.edit_guide(by=official, guide=guide, data={"body_sv": "## Först\n\nLäs reglerna."}, base=1)
    problems = []
    client.force_login(official)
    for name in ("guides:guide", "guides:edit", "guides:history"):
        url = reverse(name, args=[guide.slug])
        problems += check_page(name, url, client.get(url))
    client.logout()
    for language in ("sv", "en", "ar"):
        with translation.override(language):
            urls = [guide.get_absolute_url(), reverse("guides:search") + "?q=bidrag",
                    reverse("guides:topic", args=["coe_code"])]
        for url in urls:
            problems += check_page(url, url, client.get(url), language=language)
    return problems


def _plan_pages(client, official) -> list[str]:
    """An action plan's pages: the public one, and the office's forms."""
    translation.activate("sv")  # a request to /en/ or /ar/ before leaves its language active
    from datetime import date

    from samverka.plans.tests.factories import (
        ActionFactory,
        ForwardItemFactory,
        GoalFactory,
        IndicatorFactory,
        InventoryFactory,
        PlanFactory,
        ValueFactory,
    )

    office = official.office_memberships.get().office
    forward = ForwardItemFactory(office=office, contact=official)
    plan = PlanFactory(office=office, slug="kultur-2026")
    goal = GoalFactory(plan=plan)
    indicator = IndicatorFactory(goal=goal)
    for month in (1, 2, 3):
        ValueFactory(indicator=indicator, measured_on=date(2026, month, 1), value=100 + month)
    action = ActionFactory(plan=plan, goal=goal, owner=official)
    row = InventoryFactory(office=office)
    problems = []
    client.logout()
    for url in [reverse("plans:index"), reverse("plans:inventory"), plan.get_absolute_url(),
                reverse("plans:forward_look"), forward.get_absolute_url()]:
        problems += check_page("plans", url, client.get(url))
    client.force_login(official)
    for name, args in [("plans:detail", [plan.slug]), ("plans:edit", [plan.slug]), ("plans:add_goal", [plan.slug]),
                       ("plans:add_action", [plan.slug]), ("plans:edit_action", [plan.slug, action.pk]),
                       ("plans:add_indicator", [plan.slug, goal.pk]), ("plans:values", [plan.slug, indicator.pk]),
                       ("plans:inventory_office", [office.slug]), ("plans:edit_inventory", [row.pk]),
                       ("plans:create", []), ("plans:forward_look", []), ("plans:forward_item", [forward.pk]),
                       ("plans:add_forward_item", []), ("plans:edit_forward_item", [forward.pk]),
                       ("plans:move_forward_item", [forward.pk]), ("plans:withdraw_forward_item", [forward.pk]),
                       ("plans:ask_to_take_part", [forward.pk]), ("plans:my_follows", [])]:
        url = reverse(name, args=args)
        problems += check_page(name, url, client.get(url))
    return problems


def _dialogue_pages(client, official, representative) -> list[str]:
    """A dialogue's pages: the public ones, the participant's forms and the office's."""
    from django.utils import timezone

    from samverka.activities.tests.factories import ActivityFactory
    from samverka.dialogue.models import Report, Workshop
    from samverka.dialogue.tests.factories import (
        CommentFactory,
        FeedbackItemFactory,
        ProcessFactory,
        ProposalFactory,
    )

    office = official.office_memberships.get().office
    process = ProcessFactory(office=office, contact=official, slug="ungas-ekero")
    proposal = ProposalFactory(process=process, author=representative)
    root = CommentFactory(process=process, proposal=proposal)
    CommentFactory(process=process, proposal=proposal, parent=root)
    comment = CommentFactory(process=process, visibility="hidden", hidden_reason="Dold")
    Report.objects.create(proposal=proposal, reporter=representative, reason="Reklam")
    given = FeedbackItemFactory(process=process, proposal=proposal, status="given", response="Gjort",
                                given_at=timezone.now(), outcome="adopted")
    item = FeedbackItemFactory(process=process, owner=official)
    workshop = Workshop.objects.create(process=process, activity=ActivityFactory(actor=None, office=office))
    problems = []
    client.logout()
    for url in [reverse("dialogue:index"), process.get_absolute_url(), proposal.get_absolute_url(),
                given.get_absolute_url()]:
        problems += check_page(url, url, client.get(url))
    client.force_login(representative)
    for url in [process.get_absolute_url(), proposal.get_absolute_url(),
                reverse("dialogue:propose", args=[process.slug]), reverse("dialogue:comment", args=[process.slug]),
                reverse("dialogue:report_proposal", args=[proposal.pk]),
                reverse("dialogue:report_comment", args=[root.pk])]:
        problems += check_page(url, url, client.get(url))
    client.force_login(official)
    for url in [process.get_absolute_url(), reverse("dialogue:process_new"),
                reverse("dialogue:process_edit", args=[process.slug]),
                reverse("dialogue:phase_new", args=[process.slug]),
                reverse("dialogue:phase", args=[process.slug, process.phases.first().pk]),
                reverse("dialogue:close", args=[process.slug]), reverse("dialogue:moderation", args=[process.slug]),
                reverse("dialogue:documents", args=[process.slug]),
                reverse("dialogue:workshop_new", args=[process.slug]),
                reverse("dialogue:workshop", args=[process.slug, workshop.pk]),
                reverse("dialogue:hide_proposal", args=[proposal.pk]),
                reverse("dialogue:hide_comment", args=[comment.pk]),
                reverse("dialogue:feedback_list"), reverse("dialogue:give_feedback", args=[item.pk])]:
        problems += check_page(url, url, client.get(url))
    return problems


def _coordinator_pages(client, official) -> list[str]:
    """A matching programme's pages for its coordinator, after a run, with a match."""
    from samverka.accounts.tests.factories import UserFactory
    from samverka.matching import services
    from samverka.matching.tests.factories import (
        ChoiceFactory,
        CoordinatorFactory,
        MatchFactory,
        OfferFactory,
        ProgrammeFactory,
        RequestFactory,
    )

    programme = ProgrammeFactory(office=official.office_memberships.get().office, slug="vantjansten")
    coordinator = CoordinatorFactory(programme=programme, user=UserFactory(first_name="Birgitta")).user
    company = ChoiceFactory(programme=programme, name="Sällskap")
    greta = RequestFactory(programme=programme, name="Greta Holm", kinds=[company])
    for name in ("Karin Ek", "Lars Berg"):
        OfferFactory(programme=programme, name=name, kinds=[company])
    RequestFactory(programme=programme, name="Nils Åberg", kinds=[ChoiceFactory(programme=programme)])
    services.run_programme(programme=programme, by=coordinator)
    match = MatchFactory(programme=programme)
    client.force_login(coordinator)
    problems = []
    for name, args in [("matching:coordinate", []), ("matching:review", []), ("matching:waiting", []),
                       ("matching:settings", []), ("matching:coordinate_match", [match.pk]),
                       ("matching:coordinate_participant", [greta.pk])]:
        url = reverse(name, args=[programme.slug, *args])
        problems += check_page(name, url, client.get(url))
    # Shared with a neighbouring municipality: its page, and a person's consent page.
    from samverka.matching.models import RegionalPartner, RemoteMatch, RemoteOffer

    programme.shared_regionally, programme.regional_code = True, "vantjansten-nordvast"
    programme.save()
    bro = RegionalPartner.objects.create(name="Upplands-Bro kommun", base_url="https://bro.example",
                                         public_key="A" * 43 + "=", error="The partner did not answer in time.")
    programme.partners.add(bro)
    offer = RemoteOffer.objects.create(partner=bro, programme=programme, remote_id="a1", association="Bro IK",
                                       area="Bro", languages=["sv", "ar"], places=2)
    asked = RemoteMatch.objects.create(programme=programme, partner=bro, direction="outgoing", status="asked",
                                       request=greta, remote_offer=offer, offer_ref="a1", offer_name="Bro IK")
    RemoteMatch.objects.create(programme=programme, partner=bro, direction="incoming", status="pending",
                               offer=programme.participants.offers().first(), offer_ref="x", offer_name="Karin Ek",
                               shared={"name": "Nour Ali", "email": "nour@example.org"})
    url = reverse("matching:regional", args=[programme.slug])
    problems += check_page("matching:regional", url, client.get(url))
    client.logout()
    url = reverse("matching:consent", args=[asked.token])
    problems += check_page("matching:consent", url, client.get(url))
    return problems


def _registration_pages(client, actor) -> list[str]:
    """"Check your e-mail" after registering, and the participant's page waiting for its
    confirmation."""
    from samverka.activities.models import Registration
    from samverka.activities.tests.factories import RegistrationActivityFactory

    activity = RegistrationActivityFactory(actor=actor)
    occurrence = activity.occurrences.get()
    client.post(reverse("activities:register", args=[activity.slug, occurrence.pk]),
                {"name": "Lina Sandberg", "email": "lina@example.org"})
    problems = []
    url = reverse("activities:registration_sent", args=[activity.slug, occurrence.pk])
    problems += check_page("activities:registration_sent", url, client.get(url))
    url = Registration.objects.get().get_absolute_url()
    problems += check_page("activities:registration", url, client.get(url))
    return problems


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_a_missing_page_has_the_layout_and_a_way_on(client, db, language):
    url = ("" if language == "sv" else f"/{language}") + "/finns-inte/"
    response = client.get(url)
    assert response.status_code == 404
    response.status_code = 200
    problems = check_page("404", url, response, language=language)
    assert not problems, "\n".join(problems)
    with translation.override(language):
        assert f'href="{reverse("actors:directory")}"' in response.content.decode()


def test_a_refusal_has_the_layout(client, actor, resident):
    client.force_login(resident)
    response = client.get(reverse("actors:edit", args=[actor.slug]))
    assert response.status_code == 403
    response.status_code = 200
    problems = check_page("403", "", response)
    assert not problems, "\n".join(problems)


def test_a_server_error_page_stands_alone(client, db):
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert h1_count(html) == 1
    assert f'href="{reverse("accessibility")}"' in html and f'href="{reverse("privacy")}"' in html


def test_the_skip_link_leads_to_the_main_content(client, db):
    html = client.get(reverse("home")).content.decode()
    assert re.search(r'<a class="skip-link" href="#main">', html)
    assert 'id="main"' in html


def test_no_migration_is_missing(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    except SystemExit as exit:
        pytest.fail(f"Missing migrations (exit {exit.code}):\n{out.getvalue()}")


def test_every_page_has_an_icon_and_favicon_ico_leads_to_it(client, db):
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">',
                     client.get(reverse("home")).content.decode()).group(1)
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon
    svg = client.get(icon)
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"".join(svg.streaming_content).startswith(b"<svg")


def _standing_group_pages(client, official) -> list[str]:
    """A cooperation body's meeting with its standing items, the overview's figures for it, and
    a follow-up point with the form that turns it into a plan's action."""
    translation.activate("sv")  # a request to /en/ or /ar/ before leaves its language active
    from datetime import timedelta

    from django.utils import timezone

    from samverka.networks import services as group_services
    from samverka.networks.tests.factories import GroupFactory, MembershipFactory, PointFactory
    from samverka.plans.tests.factories import PlanFactory

    office = official.office_memberships.get().office
    body = GroupFactory(name="Samverkansorganet", slug="samverkansorganet-sida", kind="cooperation_body",
                        office=office)
    MembershipFactory(group=body, user=official, role="chair")
    start = timezone.now() + timedelta(days=10)
    meeting = group_services.plan_meeting(by=official, group=body, data={
        "title": "Samverkansorganets möte", "start": start, "end": start + timedelta(hours=2), "place": "Kommunhuset"})
    point = PointFactory(meeting=meeting, owner_user=official, due_on=timezone.localdate())
    PlanFactory(office=office, title="Handlingsplan kultur och fritid")
    client.force_login(official)
    problems = []
    for language in ("sv", "en", "ar"):
        with translation.override(language):
            urls = [meeting.get_absolute_url(), reverse("overview:meeting", args=[meeting.pk]),
                    point.get_absolute_url(), reverse("plans:from_point", args=[point.pk])]
        for url in urls:
            problems += check_page(url, url, client.get(url), language=language)
    return problems

"""Grants in a real browser: axe-core finds nothing on the application form (the draft, sent
with errors, sent right, the receipt), the review page and the meeting's decision list, in
Swedish and English, and none of them scrolls sideways on a 320 px phone. Eva fills in and
sends Parkinson Ekerö's application with the keyboard only. Screenshots (desktop and phone)
go to ./screenshots for a person to look at."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from samverka.accounts.tests.factories import UserFactory
from samverka.grants.models import Application, Attachment, Criterion, Decision, DecisionRight, GrantProgramme, Review
from samverka.grants.tests.factories import PDF, CommitteeFactory

from .helpers import (
    SCREENSHOTS,
    assert_no_violations,
    check_page,
    focused,
    horizontal_overflow,
    log_in,
    save_screenshots,
    submit_with_enter,
    tab_to,
)

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en"]
MEETING = date(2026, 6, 10)


@pytest.fixture(autouse=True)
def private_files(tmp_path, settings):
    from django.core.files.storage import FileSystemStorage
    from django.utils.functional import empty

    from samverka.grants import models

    models.private._wrapped = FileSystemStorage(location=tmp_path / "private")
    yield
    models.private._wrapped = empty  # the next use sets it up from the settings again


@pytest.fixture
def programme(official):
    committee = CommitteeFactory()
    office = official.office_memberships.get().office
    office.committee = committee
    office.save(update_fields=["committee"])
    today = timezone.localdate()
    programme = GrantProgramme.objects.create(
        committee=committee, name="Aktivitetsbidrag", slug="aktivitetsbidrag", kind="activity", year=today.year,
        opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=30), pool=60_000,
        must_be_active_here=False, required_attachments="Aktivitetsplan",
        description="Bidrag till aktiviteter för barn, unga och nyanlända.")
    for n, (name, weight) in enumerate([("Når många invånare", 2), ("Genomförbar plan", 1)]):
        Criterion.objects.create(programme=programme, name=name, weight=weight, position=n)
    return programme


@pytest.fixture
def draft(programme, actor, representative):
    return Application.objects.create(programme=programme, actor=actor, applicant=representative)


@pytest.fixture
def sent(programme, actor, representative):
    application = Application.objects.create(
        programme=programme, actor=actor, applicant=representative, title="Sittgympa för medlemmar",
        purpose="Sittgympa varje tisdag i Ekerö centrum, med en utbildad ledare.", amount_asked=10_000,
        status=Application.Status.SUBMITTED, case_number=f"KFN {programme.year}/0001", submitted_at=timezone.now())
    return application


def path(name, args, language):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_application_form_draft_errors_and_receipt_have_no_accessibility_problems(
        page, context, live_server, representative, draft, language):
    log_in(context, representative, live_server)
    check_page(page, path("grants:application", [draft.pk], language), "grants-draft", language)
    # Sent empty: the error summary and the messages next to the fields.
    with page.expect_navigation():
        page.locator("main form button[name=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert_no_violations(page)
    if language == "sv":
        save_screenshots(page, "grants-draft-errors-sv")
    # Filled in right, with its attachment: sent, and the receipt.
    page.fill("#id_title", "Sittgympa")
    page.fill("#id_purpose", "Sittgympa varje tisdag i Ekerö centrum.")
    page.fill("#id_amount_asked", "10000")
    page.select_option("#id_budget-0-kind", "income")
    page.fill("#id_budget-0-label", "Medlemsavgifter")
    page.fill("#id_budget-0-amount", "5000")
    page.select_option("#id_budget-1-kind", "cost")
    page.fill("#id_budget-1-label", "Lokalhyra och ledare")
    page.fill("#id_budget-1-amount", "15000")
    page.select_option("#id_attachment_label", "Aktivitetsplan")
    page.set_input_files("#id_attachment", {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF})
    with page.expect_navigation():
        page.locator("main form button[name=submit]").click()
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED, page.locator("main").inner_text()
    assert draft.case_number in page.locator("h1").inner_text() or draft.case_number in page.locator("main"
                                                                                                       ).inner_text()
    assert_no_violations(page)
    if language == "sv":
        save_screenshots(page, "grants-receipt-sv")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_review_page_and_the_decision_list_have_no_accessibility_problems(page, context, live_server, official,
                                                                              sent, programme, language):
    log_in(context, official, live_server)
    check_page(page, path("grants:review", [sent.pk], language), "grants-review", language)
    page.locator("main form button[type=submit]").click()  # nothing scored: the errors
    page.wait_for_selector(".error-summary")
    assert_no_violations(page)
    check_page(page, path("grants:cases", [programme.slug], language), "grants-cases", language)
    Review.objects.create(application=sent, reviewer=official, comment="Tydlig plan.",
                          scores={str(c.pk): 4 for c in programme.criteria.all()})
    Decision.objects.create(application=sent, outcome="granted", amount=8_000, meeting_date=MEETING,
                            reasons="Verksamheten når många äldre i kommunen.")
    check_page(page, path("grants:decision_list", [programme.committee.slug, MEETING.isoformat()], language),
               "grants-decision-list", language)
    assert {"sv": "8 000 kr", "en": "8,000 kr"}[language] in page.locator("main").inner_text().replace("\xa0", " ")
    check_page(page, path("grants:decisions", [], language), "grants-decisions", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_decide_page_has_no_accessibility_problems(page, context, live_server, official, sent, programme,
                                                       language):
    secretary = UserFactory(first_name="Karin", last_name="Åström", email="karin@example.org")
    DecisionRight.objects.create(user=secretary, committee=programme.committee)
    Review.objects.create(application=sent, reviewer=official, comment="Tydlig plan.",
                          scores={str(c.pk): 4 for c in programme.criteria.all()})
    log_in(context, secretary, live_server)
    check_page(page, path("grants:decide", [sent.pk], language), "grants-decide", language)
    submit_with_enter(page)  # empty: the errors
    assert page.locator(".error-summary").is_visible()
    assert_no_violations(page)


def test_eva_fills_in_and_sends_the_application_with_the_keyboard_only(page, context, live_server, representative,
                                                                        draft):
    Attachment.objects.create(application=draft, label="Aktivitetsplan", file=ContentFile(PDF, name="plan.pdf"))
    log_in(context, representative, live_server)
    page.goto(reverse("grants:application", args=[draft.pk]))
    tab_to(page, "#id_title")
    page.keyboard.type("Sittgympa")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_purpose"
    page.keyboard.type("Sittgympa varje tisdag i Ekerö centrum.")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_amount_asked"
    page.keyboard.type("10000")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_budget-0-kind"
    page.keyboard.press("ArrowDown")  # Income
    page.keyboard.press("Tab")
    page.keyboard.type("Medlemsavgifter")
    page.keyboard.press("Tab")
    page.keyboard.type("5000")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_budget-1-kind"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Cost
    page.keyboard.press("Tab")
    page.keyboard.type("Lokalhyra och ledare")
    page.keyboard.press("Tab")
    page.keyboard.type("15000")
    tab_to(page, "main form button[name=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED, page.locator("main").inner_text()
    assert draft.budget_lines.count() == 2
    assert page.url.endswith(reverse("grants:receipt", args=[draft.pk]))
    assert draft.case_number in page.locator("main").inner_text()
    assert_no_violations(page)


def test_sara_scores_an_application_with_the_keyboard_only_and_karin_reads_the_decision_list(
        page, context, live_server, official, sent, programme):
    log_in(context, official, live_server)
    page.goto(reverse("grants:review", args=[sent.pk]))
    first, second = programme.criteria.all()
    tab_to(page, f"#id_score_{first.pk}_0")
    for _ in range(4):
        page.keyboard.press("ArrowRight")          # 4 on the first criterion
    assert focused(page)["value"] == "4" and focused(page)["checked"]
    page.keyboard.press("Tab")                     # to the second criterion's group
    assert focused(page)["name"] == f"score_{second.pk}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")              # 3 (from 0: the first arrow moves to 1)
    tab_to(page, "#id_comment")
    page.keyboard.type("Tydlig plan, når många äldre.")
    submit_with_enter(page)
    review = Review.objects.get(application=sent, reviewer=official)
    assert review.scores == {str(first.pk): 4, str(second.pk): 3} and review.comment.startswith("Tydlig plan")
    assert_no_violations(page)

    Decision.objects.create(application=sent, outcome="granted", amount=8_000, meeting_date=MEETING,
                            reasons="Verksamheten når många äldre i kommunen.")
    page.goto(reverse("grants:decision_list", args=[programme.committee.slug, MEETING.isoformat()]))
    link = tab_to(page, "main a[href$='format=pdf']")
    assert link.is_visible()
    assert "8 000 kr" in page.locator("main table").inner_text().replace("\xa0", " ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_annual_documents_follow_up_and_nomination_pages_have_no_accessibility_problems(
        page, context, live_server, official, representative, actor, sent, programme, language):
    from samverka.grants.models import AnnualDocument, FollowUpReport

    AnnualDocument.objects.create(actor=actor, year=timezone.localdate().year - 1, kind="accounts",
                                  file=ContentFile(PDF, name="a.pdf"), uploaded_by=representative)
    Decision.objects.create(application=sent, outcome="granted", amount=8_000, meeting_date=MEETING,
                            reasons="Verksamheten når många äldre i kommunen.")
    FollowUpReport.objects.create(application=sent, due_on=timezone.localdate() - timedelta(days=10))
    programme.follow_up_questions = "Hur många deltog?\nVad lärde ni er?"
    programme.save(update_fields=["follow_up_questions"])
    award = GrantProgramme.objects.create(
        committee=programme.committee, name="Årets eldsjäl", slug="arets-eldsjal", kind="award",
        year=programme.year, opens_on=programme.opens_on, closes_on=programme.closes_on, pool=10_000,
        budget_required=False, eligible_kinds=["association"], must_be_active_here=False)
    log_in(context, official, live_server)
    check_page(page, path("grants:annual_documents", [actor.slug], language), "grants-annual-documents-official",
               language)
    check_page(page, path("grants:details", [actor.slug], language), "grants-details-official", language)
    check_page(page, path("grants:follow_up", [programme.slug], language), "grants-follow-up", language)
    check_page(page, path("grants:new_programme", [], language), "grants-new-programme", language)
    context.clear_cookies()
    log_in(context, representative, live_server)
    check_page(page, path("grants:annual_documents", [actor.slug], language), "grants-annual-documents", language)
    check_page(page, path("grants:report", [sent.pk], language), "grants-report", language)
    submit_with_enter(page)  # empty: the errors next to the answers
    assert page.locator(".error-summary").is_visible()
    assert_no_violations(page)
    check_page(page, path("grants:nominate", [award.slug], language), "grants-nominate", language)


def test_the_budget_table_is_usable_on_a_320_px_phone(page, context, live_server, representative, draft):
    """Each budget row stacks: its kind, what and amount take the screen's width, none cut."""
    log_in(context, representative, live_server)
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(reverse("grants:application", args=[draft.pk]))
    page.fill("#id_budget-0-label", "Lokalhyra och ledare för hela året")
    page.fill("#id_budget-0-amount", "1250000")
    for name in ("kind", "label", "amount"):
        box = page.locator(f"#id_budget-0-{name}").bounding_box()
        assert box["width"] >= 200, f"{name} is {box['width']} px wide"
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, f"{name} is cut at the edge"
    assert horizontal_overflow(page) == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("#budget").screenshot(path=SCREENSHOTS / "grants-budget-320.png")

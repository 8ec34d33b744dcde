"""The office creates, edits, publishes and closes a process; the public page shows its matrix,
timeline, proposals, comments, "you said, we did" and outcome, in constant queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import h1_count, says
from samverka.dialogue.models import Phase, PhaseKind, Process
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import CommentFactory, FeedbackItemFactory, ProcessFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _other_official():
    return OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user


def _process_data(office, **extra):
    return {"office": office.pk, "title": "Mötesplatser för äldre", "summary": "Vad behövs på mötesplatserna?",
            "purpose": "Vi vill höra er innan nämnden beslutar.", "to_decide": "Öppettider nästa år.",
            "level": "consultation", "stage": "drafting", "audience": "everyone", "feedback_days": "21",
            "retention_days": "365", "after_retention": "anonymise", **extra}


def test_an_official_creates_a_draft_that_only_the_office_sees(client, official, office, resident):
    client.force_login(official)
    response = client.post(reverse("dialogue:process_new"), _process_data(office))
    made = Process.objects.get()
    assert response.status_code == 302 and response.url == made.get_absolute_url()
    assert made.status == Process.Status.DRAFT and made.created_by == official and made.feedback_days == 21
    assert AuditEvent.objects.filter(action="process.create").count() == 1
    client.force_login(resident)
    assert client.get(made.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(made.get_absolute_url()).status_code == 404


def test_bad_input_is_shown_next_to_the_field_and_the_rest_kept(client, official, office):
    client.force_login(official)
    response = client.post(reverse("dialogue:process_new"), _process_data(office, title="", level="nonsense"))
    assert response.status_code == 200 and not Process.objects.exists()
    assert "id_title_error" in response.content.decode() and "id_level_error" in response.content.decode()
    assert "Vad behövs på mötesplatserna?" in response.content.decode()


def test_a_resident_and_an_official_of_another_office_may_not_create_or_edit(client, resident, process, office):
    client.force_login(resident)
    assert client.get(reverse("dialogue:process_new")).status_code == 403
    assert client.post(reverse("dialogue:process_new"), _process_data(office)).status_code == 403
    other = _other_official()
    client.force_login(other)
    # Another office's official cannot create for this office (the form offers only their own).
    client.post(reverse("dialogue:process_new"), _process_data(office))
    assert Process.objects.count() == 1
    for name in ("process_edit", "phase_new", "close", "moderation", "workshop_new"):
        assert client.get(reverse(f"dialogue:{name}", args=[process.slug])).status_code == 403, name
    assert client.post(reverse("dialogue:publish", args=[process.slug])).status_code == 403
    assert client.post(reverse("dialogue:close", args=[process.slug]), {"outcome": "Klart"}).status_code == 403
    process.refresh_from_db()
    assert process.status == Process.Status.OPEN and process.outcome == ""
    client.logout()
    response = client.get(reverse("dialogue:process_edit", args=[process.slug]))
    assert response.status_code == 302 and "login" in response.url


def test_the_office_edits_and_adds_phases_that_may_overlap_but_end_after_start(client, official, process):
    client.force_login(official)
    response = client.post(reverse("dialogue:process_edit", args=[process.slug]),
                           _process_data(process.office, title="Ungas Ekerö 2027"))
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.title == "Ungas Ekerö 2027"
    now = timezone.now()
    fmt = "%Y-%m-%dT%H:%M"
    url = reverse("dialogue:phase_new", args=[process.slug])
    response = client.post(url, {"kind": PhaseKind.SURVEY, "name": "Enkät", "starts_at": now.strftime(fmt),
                                 "ends_at": (now - timedelta(days=1)).strftime(fmt)})
    assert response.status_code == 200 and says("The end must be after the start.") in response.content.decode()
    assert process.phases.count() == 1
    response = client.post(url, {"kind": PhaseKind.SURVEY, "name": "Enkät", "starts_at": now.strftime(fmt),
                                 "ends_at": (now + timedelta(days=3)).strftime(fmt)})
    assert response.status_code == 302 and process.phases.count() == 2  # overlapping the proposals phase
    phase = process.phases.get(kind=PhaseKind.SURVEY)
    response = client.post(reverse("dialogue:phase", args=[process.slug, phase.pk]), {"delete": "1"})
    assert process.phases.count() == 1


def test_publish_needs_a_phase_and_then_opens_the_process(client, official, office):
    draft = ProcessFactory(office=office, status=Process.Status.DRAFT, phases=[])
    client.force_login(official)
    client.post(reverse("dialogue:publish", args=[draft.slug]))
    draft.refresh_from_db()
    assert draft.status == Process.Status.DRAFT
    Phase.objects.create(process=draft, kind=PhaseKind.INFORMATION, starts_at=timezone.now(),
                         ends_at=timezone.now() + timedelta(days=3))
    client.post(reverse("dialogue:publish", args=[draft.slug]))
    draft.refresh_from_db()
    assert draft.status == Process.Status.OPEN


def test_close_needs_the_outcome_and_tells_the_followers_once(client, official, process, resident):
    client.force_login(resident)
    client.post(reverse("dialogue:follow", args=[process.slug]), {"follow": "1"})
    client.force_login(official)
    url = reverse("dialogue:close", args=[process.slug])
    response = client.post(url, {"outcome": "  "})
    assert response.status_code == 200 and "id_outcome_error" in response.content.decode()
    client.post(url, {"outcome": "Nämnden beslutade att öppna gården på lördagar."})
    client.post(url, {"outcome": "Nämnden beslutade att öppna gården på lördagar och söndagar."})
    process.refresh_from_db()
    assert process.status == Process.Status.CLOSED and "söndagar" in process.outcome
    assert OutboxMessage.objects.filter(to=resident.email).count() == 1
    client.logout()
    assert "söndagar" in client.get(process.get_absolute_url()).content.decode()


def test_the_public_page_shows_the_matrix_timeline_and_what_one_can_do(client, process):
    now = timezone.now()
    Phase.objects.create(process=process, kind=PhaseKind.MEETINGS, name="Workshop på Ekebyhov",
                         starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=31))
    Phase.objects.create(process=process, kind=PhaseKind.INFORMATION, name="Start",
                         starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=20))
    page = client.get(process.get_absolute_url()).content.decode()
    assert h1_count(page) == 1
    assert 'aria-current="true"' in page and page.count("matrix__current") == 1
    assert says("This dialogue") in page
    assert says("Under way") in page and says("Coming") in page and says("Done") in page
    assert says("Make a proposal") in page and says("Log in to take part") in page


def test_the_page_shows_proposals_threads_and_said_did_but_never_hidden_text(client, process):
    proposal = ProposalFactory(process=process, title="Öppna på lördagar")
    thread = CommentFactory(process=process, body="Fler bussar till gården")
    CommentFactory(process=process, parent=thread, body="Håller med om bussarna")
    CommentFactory(process=process, body="Hemligt namn", visibility="hidden", hidden_reason="Namngav en person")
    FeedbackItemFactory(process=process, proposal=proposal, status="given", response="Vi öppnar på lördagar.",
                        given_at=timezone.now(), said="Öppna på lördagar")
    page = client.get(process.get_absolute_url()).content.decode()
    for text in ("Öppna på lördagar", "Fler bussar till gården", "Håller med om bussarna", "Namngav en person",
                 "Vi öppnar på lördagar."):
        assert text in page, text
    assert "Hemligt namn" not in page


def test_the_page_runs_the_same_queries_however_many_proposals(client, process, django_assert_max_num_queries,
                                                              resident):
    def fill(n):
        for _ in range(n):
            proposal = ProposalFactory(process=process)
            root = CommentFactory(process=process, proposal=proposal)
            CommentFactory(process=process, proposal=proposal, parent=root)
            thread = CommentFactory(process=process)
            CommentFactory(process=process, parent=thread)
            FeedbackItemFactory(process=process, proposal=proposal, status="given", response="Gjort",
                                given_at=timezone.now())

    client.force_login(resident)
    fill(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(process.get_absolute_url()).status_code == 200
    fill(15)
    with django_assert_max_num_queries(len(few)):
        assert client.get(process.get_absolute_url()).status_code == 200


def test_the_index_lists_open_processes_first(client, office):
    closed = ProcessFactory(office=office, title="Gammal dialog", status=Process.Status.CLOSED)
    ProcessFactory(office=office, title="Pågående dialog")
    ProcessFactory(office=office, title="Utkast", status=Process.Status.DRAFT)
    page = client.get(reverse("dialogue:index")).content.decode()
    assert page.index("Pågående dialog") < page.index(closed.title)
    assert "Utkast" not in page


def test_the_cached_page_shows_a_new_proposal_at_once(client, process, resident, django_assert_num_queries):
    client.get(process.get_absolute_url())
    with django_assert_num_queries(1):  # the phases under way now, for the key
        client.get(process.get_absolute_url())
    other = type(client)()
    other.force_login(resident)
    other.post(reverse("dialogue:propose", args=[process.slug]), {"title": "Nytt förslag om bryggan", "body": "Text"})
    assert "Nytt förslag om bryggan" in client.get(process.get_absolute_url()).content.decode()


def test_the_office_adds_a_document_that_the_public_downloads(client, official, process, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samverka.dialogue.models import Document

    url = reverse("dialogue:documents", args=[process.slug])
    pdf = SimpleUploadedFile("underlag.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.force_login(resident)
    assert client.post(url, {"title": "Underlag", "file": pdf}).status_code == 403
    client.force_login(official)
    pdf.seek(0)
    client.post(url, {"title": "Underlag till nämnden", "file": pdf})
    document = Document.objects.get()
    client.logout()
    assert "Underlag till nämnden" in client.get(process.get_absolute_url()).content.decode()
    response = client.get(reverse("dialogue:document", args=[document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    bad = SimpleUploadedFile("virus.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.force_login(official)
    response = client.post(url, {"title": "Falsk", "file": bad})
    assert response.status_code == 200 and "id_file_error" in response.content.decode()
    assert Document.objects.count() == 1


def test_a_closed_process_offers_and_takes_nothing_new(client, official, process):
    from samverka.dialogue.models import Consultation, Survey, Workshop

    process.status, process.outcome = Process.Status.CLOSED, "Beslutat i nämnden."
    process.save()
    client.force_login(official)
    page = client.get(process.get_absolute_url()).text
    for words, name in (("Add a phase", "phase_new"), ("Add a workshop", "workshop_new"),
                        ("Add a survey", "survey_create"), ("Add a consultation", "consultation_create")):
        assert says(words) not in page and reverse(f"dialogue:{name}", args=[process.slug]) not in page
    assert says("Change the outcome") in page
    refused = says("The dialogue is closed, so nothing new can be added to it. Its outcome can still be changed.")
    now = timezone.now()
    fmt = "%Y-%m-%dT%H:%M"
    phases = process.phases.count()
    response = client.post(reverse("dialogue:phase_new", args=[process.slug]), {
        "kind": PhaseKind.SURVEY, "name": "Enkät", "starts_at": now.strftime(fmt),
        "ends_at": (now + timedelta(days=3)).strftime(fmt)})
    assert response.status_code == 200 and refused in response.text
    response = client.post(reverse("dialogue:survey_create", args=[process.slug]), {
        "title": "Enkät om samverkan", "intro": "Berätta.", "respondent": "actor", "submission_token": "t9"})
    assert response.status_code == 200 and refused in response.text and "Enkät om samverkan" in response.text
    assert process.phases.count() == phases and not Survey.objects.exists()
    assert not Consultation.objects.exists() and not Workshop.objects.exists()


def test_on_an_arabic_page_each_goal_area_and_date_keeps_its_own_direction(client, process):
    from datetime import date

    from samverka.municipality.models import Area, Committee, SdgGoal

    process.areas.set([Area.objects.get(slug="kultur")])
    process.sdg_goals.set(SdgGoal.objects.filter(number__in=[3, 10]))
    process.decision_on = date(2027, 4, 6)
    process.decided_by = Committee.objects.first() or Committee.objects.create(slug="kfn", name="Kultur- och fritidsnämnden")
    process.save()
    with translation.override("ar"):
        url = process.get_absolute_url()
    page = client.get(url).text
    with translation.override("ar"):
        for goal in SdgGoal.objects.filter(number__in=[3, 10]):
            assert f"<bdi>{escape(goal)}</bdi>" in page  # "3. Good health" does not end as "… .3"
        assert f"<bdi>{escape(Area.objects.get(slug='kultur'))}</bdi>" in page
        assert f"<bdi>{date_format(process.decision_on, 'j F Y')}</bdi>" in page


def test_the_proposals_cards_say_who_wrote_how_many_comments_and_where_the_feedback_is(client, process):
    from samverka.actors.tests.factories import ActorFactory
    from samverka.dialogue.models import FeedbackItem

    now = timezone.now()
    by_actor = ProposalFactory(process=process, title="Läxhjälp med fika", actor=ActorFactory(name="Röda Korset Ekerö"),
                               created_at=now - timedelta(minutes=1))
    anonymous = ProposalFactory(process=process, title="Skatepark vid Tappström", author=None,
                                created_at=now - timedelta(minutes=2))
    ProposalFactory(process=process, title="Dold titel", visibility="hidden", hidden_reason="Innehöll ett namn",
                    created_at=now - timedelta(minutes=3))
    for _ in range(2):
        CommentFactory(process=process, proposal=by_actor)
    given = FeedbackItemFactory(process=process, proposal=by_actor, status="given", response="Ja, tisdagar.",
                                given_at=now, outcome=FeedbackItem.Outcome.ADOPTED, said="Läxhjälp två kvällar")
    FeedbackItemFactory(process=process, proposal=anonymous)
    with translation.override("en"):
        url, proposal_url, feedback_url = (process.get_absolute_url(), by_actor.get_absolute_url(),
                                           given.get_absolute_url())
        page = client.get(url).text
    cards = page[page.index('id="proposals-title"'):page.index('id="comments-title"')]
    assert f'<a href="{proposal_url}" dir="auto">Läxhjälp med fika</a>' in cards
    assert "<bdi>Röda Korset Ekerö</bdi>" in cards and "2 comments" in cards
    assert f'<a href="{feedback_url}">Feedback given</a>' in cards
    assert "A participant" in cards and "Waiting for feedback" in cards
    assert "Hidden proposal" in cards and "Innehöll ett namn" in cards and "Dold titel" not in cards
    assert cards.index("Läxhjälp med fika") < cards.index("Skatepark vid Tappström") < cards.index("Innehöll ett namn")
    said = page[page.index('id="said-title"'):]
    assert f'<a href="{feedback_url}" dir="auto">' in said and "Taken up" in said and "Ja, tisdagar." in said


def test_the_page_shows_the_latest_ten_pieces_of_feedback_and_links_to_all_of_them(client, process):
    now = timezone.now()
    for i in range(12):
        FeedbackItemFactory(process=process, status="given", title=f"Svar nummer {i:02d}", response="Gjort",
                            given_at=now - timedelta(hours=i))
    page = client.get(process.get_absolute_url()).content.decode()
    assert "Svar nummer 00" in page and "Svar nummer 09" in page and "Svar nummer 10" not in page
    everything = reverse("dialogue:said_did", args=[process.slug])
    assert everything in page
    listed = client.get(everything).content.decode()
    assert all(f"Svar nummer {i:02d}" in listed for i in range(12)) and h1_count(listed) == 1


def test_the_list_of_feedback_leaves_out_hidden_proposals_and_drafts(client, process):
    hidden = ProposalFactory(process=process, visibility="hidden", hidden_reason="Namngav en person")
    FeedbackItemFactory(process=process, proposal=hidden, status="given", title="Om den dolda", response="Nej",
                        given_at=timezone.now())
    assert "Om den dolda" not in client.get(reverse("dialogue:said_did", args=[process.slug])).content.decode()
    draft = ProcessFactory(status=Process.Status.DRAFT)
    assert client.get(reverse("dialogue:said_did", args=[draft.slug])).status_code == 404


def test_the_cached_page_changes_the_moment_a_phase_ends(client, office, django_assert_num_queries):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    boundary = datetime(2031, 5, 4, 15, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    process = ProcessFactory(office=office, phases=[])
    Phase.objects.create(process=process, kind=PhaseKind.PROPOSALS, name="Förslagsfasen",
                         starts_at=boundary - timedelta(days=10), ends_at=boundary)
    Phase.objects.create(process=process, kind=PhaseKind.SURVEY, name="Enkätfasen",
                         starts_at=boundary, ends_at=boundary + timedelta(days=10))

    def now_section() -> str:
        page = client.get(process.get_absolute_url()).content.decode()
        return page.split('id="now-title"')[1].split("</section>")[0]

    with time_machine.travel(boundary - timedelta(minutes=1), tick=False):
        before = now_section()
        with django_assert_num_queries(1):  # cached: only the phases under way are asked
            assert now_section() == before
    with time_machine.travel(boundary + timedelta(seconds=1), tick=False):
        after = now_section()
    assert says("Make a proposal") in before and says("Answer the survey") not in before
    assert says("Answer the survey") in after and says("Make a proposal") not in after

"""Hanna asks what Samverka keeps about her and then to be erased. A unique marker is
planted in every personal, sensitive and financial field of every model that holds
something about her: the download and the page show each one; after she deletes her
account none is left anywhere in the database, except in her messages to the
municipality, which are public records, restricted instead, as the delete page says."""

import itertools
import json
from datetime import date, timedelta
from importlib import import_module

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.html import escape
from django.utils.translation import override

from samverka.accounts.models import GuardianConsent, User
from samverka.accounts.privacy import THIRD_PARTY
from samverka.accounts.tests.factories import UserFactory
from samverka.activities.tests.factories import RegistrationActivityFactory, RegistrationFactory
from samverka.actors.tests.factories import InvitationFactory, MembershipFactory
from samverka.cases.models import Case, CaseEvent
from samverka.cases.tests.factories import CaseFactory
from samverka.communication.models import Notification, OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.privacy import FINANCIAL, PERSONAL, SENSITIVE
from samverka.core.tests.helpers import says
from samverka.crisis.models import HelpProvider, ProviderTask, ReceivedSignUp
from samverka.crisis.tests.factories import CrisisFactory, CrisisVolunteerFactory, HelpRequestFactory, TaskFactory
from samverka.dialogue import models as dialogue
from samverka.dialogue.tests.factories import CommentFactory as DialogueCommentFactory
from samverka.dialogue.tests.factories import FeedbackItemFactory as DialogueItemFactory
from samverka.dialogue.tests.factories import ProposalFactory as DialogueProposalFactory
from samverka.grants.models import DetailsChangeRequest, PaymentDetails
from samverka.ideas.models import StepNote
from samverka.ideas.tests.factories import IdeaFactory
from samverka.matching.models import CheckIn, RegionalPartner, RemoteMatch
from samverka.matching.tests.factories import CoordinatorFactory, MatchFactory, ProposalFactory, RequestFactory
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.needs.tests.factories import AnswerFactory
from samverka.networks.tests.factories import MembershipFactory as GroupMembershipFactory
from samverka.news.models import Delivery, Subscriber
from samverka.news.tests.factories import NewsletterFactory
from samverka.overview.models import Report
from samverka.partnerships.models import Contribution
from samverka.plans.models import Follow, ParticipationRequest
from samverka.plans.tests.factories import (
    ActionFactory,
    ForwardItemFactory,
    IndicatorFactory,
    InventoryFactory,
    PlanFactory,
    ValueFactory,
)
from samverka.setup.models import CalendarFeed, ExportJob, ImportJob
from samverka.volunteers.tests.factories import AssignmentFactory, HoursLogFactory, VolunteerFactory

MY_DATA = reverse("accounts:my_data")
DELETE = reverse("accounts:delete")
# Cases; and what people said in a dialogue, which stays in its record without their name.
PUBLIC_RECORDS = {Case, CaseEvent, dialogue.Proposal, dialogue.Comment, dialogue.FeedbackItem}


def classification(model):
    if model._meta.label in THIRD_PARTY:
        return THIRD_PARTY[model._meta.label]
    return import_module(f"{model._meta.app_config.name}.privacy").FIELDS[model.__name__]


class Markers:
    """Unique, recognisable values for fields, remembered with the model they went into."""

    def __init__(self):
        self.counter = itertools.count(1)
        self.planted: dict[str, type[models.Model]] = {}  # marker (as it is found) → model
        self.models: set[type[models.Model]] = set()
        self.dates: dict[date, str] = {}

    def value(self, obj, field):
        n = next(self.counter)
        if isinstance(field, models.EmailField):
            return f"mk{n}-{obj._meta.model_name}@example.org"
        if isinstance(field, models.CharField) and "phone" in field.name:
            return f"+4670555{n:04d}"
        if isinstance(field, (models.CharField, models.TextField)):
            return f"MK{n}-{obj._meta.model_name}-{field.name}"[:field.max_length or 100]
        if isinstance(field, models.JSONField):
            return {"mk": f"MK{n}-{obj._meta.model_name}-{field.name}"}
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return date(1930, 1, 1) + timedelta(days=n)
        return None  # links, booleans, numbers and moments: shown by the record itself

    def plant(self, obj, **fixed):
        """Every personal, sensitive or financial field of `obj` that can carry one gets a
        marker (or the value in `fixed`), and `obj` is saved."""
        for name in classification(type(obj)).of(PERSONAL, SENSITIVE, FINANCIAL):
            field = obj._meta.get_field(name)
            if name in fixed:
                value = fixed[name]
            elif field.is_relation or field.choices:
                continue
            else:
                value = self.value(obj, field)
                if value is None:
                    continue
            setattr(obj, name, value)
            self.remember(type(obj), value)
        obj.save()
        return obj

    def remember(self, model, value):
        self.models.add(model)
        if isinstance(value, dict):
            for item in value.values():
                self.remember(model, item)
        elif isinstance(value, date):
            self.planted.setdefault(value.isoformat(), model)
            self.dates[value] = value.isoformat()
        else:
            self.planted.setdefault(str(value), model)


@pytest.fixture
def hanna(db, actor, official):
    """Hanna has done a little of everything, some of it without logging in."""
    marks = Markers()
    hanna = marks.plant(UserFactory(), is_process_leader=False)
    account = EmailAddress.objects.get(user=hanna)
    marks.plant(account, email=hanna.email)
    marks.plant(GuardianConsent(user=hanna))
    SocialAccount.objects.create(user=hanna, provider="openid_connect_ekero", uid="MK-uid-hanna",
                                 extra_data={"name": "MK-extra-hanna"})
    marks.remember(SocialAccount, "MK-uid-hanna")
    marks.remember(SocialAccount, "MK-extra-hanna")

    marks.plant(OfficeMembershipFactory(user=hanna, office=official.office_memberships.get().office))
    MembershipFactory(user=hanna, actor=actor, role="editor")
    marks.plant(InvitationFactory(actor=actor))

    cafe = RegistrationActivityFactory(actor=actor, capacity=5)
    occurrence = cafe.occurrences.get()
    marks.plant(RegistrationFactory(occurrence=occurrence, user=hanna))
    walk = RegistrationActivityFactory(actor=actor, capacity=5)
    marks.plant(RegistrationFactory(occurrence=walk.occurrences.get(), user=None))  # without logging in

    volunteer = marks.plant(VolunteerFactory(user=hanna))
    assignment = marks.plant(AssignmentFactory(volunteer=volunteer))
    marks.plant(HoursLogFactory(assignment=assignment))
    marks.plant(AnswerFactory(user=hanna))
    marks.plant(GroupMembershipFactory(user=hanna))

    marks.plant(CaseFactory(user=hanna))
    unlinked = marks.plant(CaseFactory(user=None))
    marks.plant(CaseEvent(case=unlinked, kind=CaseEvent.Kind.REPLY))

    crisis = CrisisFactory()
    asked = marks.plant(HelpRequestFactory(crisis=crisis))
    provider = marks.plant(HelpProvider(crisis=crisis, actor=actor, joined_by=hanna, hours="Vardagar 9–17"))
    marks.plant(ProviderTask(help_request=asked, provider=provider, status="accepted"))
    marks.plant(TaskFactory(volunteer=volunteer, help_request=HelpRequestFactory(crisis=crisis, name="Greta Holm")))
    CrisisVolunteerFactory(crisis=crisis, volunteer=volunteer)
    marks.plant(ReceivedSignUp(crisis=crisis, language="sv"), data={"name": "MK-form-name"})

    participant = marks.plant(RequestFactory(user=hanna, programme__slug="vantjansten"))
    match = marks.plant(MatchFactory(programme=participant.programme, request=participant, offer__name="Karin Ek"))
    bro = RegionalPartner.objects.create(name="Upplands-Bro kommun", base_url="https://bro.example",
                                         public_key="A" * 43 + "=")
    marks.plant(RemoteMatch(programme=participant.programme, partner=bro, direction="outgoing", status="proposed",
                            request=participant, offer_ref="a1"))
    marks.plant(CheckIn(match=match, due_on=date(2026, 5, 1)))
    marks.plant(ProposalFactory(run__programme=participant.programme, programme=participant.programme,
                                request=participant, status="superseded"))
    CoordinatorFactory(user=hanna, programme=participant.programme)

    said = marks.plant(DialogueProposalFactory(author=hanna))
    marks.plant(DialogueCommentFactory(process=said.process, author=hanna))
    marks.plant(DialogueItemFactory(process=said.process, proposal=said))
    marks.plant(dialogue.Report(proposal=DialogueProposalFactory(process=said.process), reporter=hanna))
    survey = dialogue.Survey.objects.create(process=said.process, title="Fritiden")
    response = dialogue.Response.objects.create(survey=survey, respondent=hanna, respondent_key="hanna")
    marks.plant(dialogue.ResponseAnswer(response=response, question_text="Vad saknas?"))
    idea = marks.plant(IdeaFactory(author=hanna))  # with an account; the coach's notes are the lab's
    StepNote.objects.create(idea=idea, by=hanna, step="information", from_step="need", date=date(2026, 5, 2))
    marks.plant(Report(kind="yearly", year=2026, requested_by=hanna))
    marks.plant(ImportJob(kind="places", file="setup/platser.csv", original_name="platser.csv", file_format="csv",
                          created_by=hanna))
    marks.plant(ExportJob(created_by=hanna))
    marks.plant(CalendarFeed(url="https://example.org/kalender.ics", actor=actor, created_by=hanna))
    # Action plans name a person only by a link (a contact, a responsible, who typed a value).
    plan = PlanFactory(office=official.office_memberships.get().office)
    marks.plant(InventoryFactory(office=plan.office, contact=hanna))
    marks.plant(ActionFactory(plan=plan, owner=hanna))
    marks.plant(ValueFactory(indicator=IndicatorFactory(goal__plan=plan), entered_by=hanna))
    coming = ForwardItemFactory(office=plan.office, contact=hanna)
    marks.plant(ParticipationRequest(item=coming, user=hanna,
                                     feedback_item=DialogueItemFactory(office=plan.office, process=None)))
    marks.plant(Follow(user=hanna, item=coming))
    marks.plant(DetailsChangeRequest(actor=actor, requested_by=hanna, account_kind="bankgiro"))
    marks.plant(OutboxMessage(idempotency_key="mk-hanna", channel="email", to=hanna.email), to=hanna.email)
    marks.plant(Notification(user=hanna, key="mk-hanna"), params={})  # the text is shown with its values
    Delivery.objects.create(newsletter=NewsletterFactory(), subscriber=marks.plant(Subscriber(status="confirmed")))
    marks.plant(AuditEvent(user=hanna, action="actor.update", target_label=actor.name))
    LogEntry.objects.create(user=official, content_type=ContentType.objects.get_for_model(User),
                            object_id=str(hanna.pk), object_repr="MK-admin-repr", action_flag=CHANGE,
                            change_message="MK-admin-message")

    # Every address planted is one Hanna has confirmed: so rows made without logging in are hers.
    for address in [m for m in marks.planted if m.endswith("@example.org")]:
        EmailAddress.objects.get_or_create(user=hanna, email=address, defaults={"verified": True})
    form = ReceivedSignUp.objects.get()
    form.data["email"] = hanna.email
    form.save()

    hanna.marks = marks
    return hanna


def dump_by_model() -> dict:
    """Every row of every table (many-to-many tables too), as text, per model."""
    return {model: "\n".join(repr(row) for row in model._base_manager.values_list())
            for model in apps.get_models(include_auto_created=True)}


# Financial fields about an organisation, not a person: an association's bank account is
# kept in the register (its changes in the audit history), and is no one's personal data.
ABOUT_ORGANISATIONS = {PaymentDetails, Contribution}  # a partner's money, premises or hours


def test_the_fixture_covers_every_model_that_holds_something_about_a_person(hanna):
    """The fixture plants markers in each model whose classification names a personal,
    sensitive or financial field that is not a link, a choice or a moment: a new app's
    model with such a field fails here until the fixture plants in it too."""
    planted = hanna.marks.models | {LogEntry} | ABOUT_ORGANISATIONS
    for model in apps.get_models():
        if model._meta.app_label in ("auth", "contenttypes", "sessions", "django_tasks_database"):
            continue
        kept = classification(model)
        carriers = [name for name in kept.of(PERSONAL, SENSITIVE, FINANCIAL)
                    if Markers().value(model(), model._meta.get_field(name)) is not None
                    and not model._meta.get_field(name).is_relation and not model._meta.get_field(name).choices]
        if carriers:
            assert model in planted, f"plant markers in {model._meta.label}: {carriers}"


def test_the_download_and_the_page_show_every_marker(client, hanna):
    client.force_login(hanna)
    download = client.get(MY_DATA, {"download": "1"})
    exported = json.dumps(json.loads(download.content), ensure_ascii=False)
    page = client.get(MY_DATA).content.decode()
    expected = hanna.marks.planted
    assert len(expected) >= 45
    missing_in_download = [f"{model.__name__}: {m}" for m, model in expected.items() if m not in exported]
    assert not missing_in_download

    with override("sv"):
        shown = {iso: formats.date_format(day, "j F Y") for day, iso in hanna.marks.dates.items()}
    missing_on_page = [f"{model.__name__}: {m}" for m, model in expected.items()
                       if escape(shown.get(m, m)) not in page]
    assert not missing_on_page
    for address in sorted(a for a in expected if a.endswith("@example.org")):
        assert f"<strong>{address}</strong>" in page  # the page says which addresses it matched


def test_after_erasure_only_the_restricted_public_records_hold_a_marker(client, hanna):
    client.force_login(hanna)
    cases = list(Case.objects.filter(name__startswith="MK").values_list("pk", "token"))
    assert len(cases) == 2

    delete_page = client.get(DELETE).content.decode()
    response = client.post(DELETE, {"confirm": "RADERA"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=hanna.pk).exists()

    tables = dump_by_model()
    left = {}
    for marker in [*hanna.marks.planted, "MK-admin-repr", "MK-admin-message"]:
        holders = {model for model, text in tables.items() if marker in text}
        if holders:
            left[marker] = holders
    assert {m for m, holders in left.items() if not holders <= PUBLIC_RECORDS} == set()
    assert set(left) == {m for m, model in hanna.marks.planted.items() if model in PUBLIC_RECORDS}

    # Restricted: no longer linked to anyone, the old status links lead nowhere, and the
    # delete page said so.
    for pk, token in cases:
        case = Case.objects.get(pk=pk)
        assert case.user is None and case.token != token
        assert client.get(reverse("cases:status", args=[token])).status_code == 404
    assert says("Messages you sent to the municipality are public records, which the municipality must keep. "
                "They are not erased: they are no longer linked to you, their status link stops working, and only "
                "the office that handles them sees them. If a case is still open, the office can still answer you. "
                "They are erased two years after the case was closed.") in delete_page


def test_a_help_request_kept_for_a_case_stays_with_the_officials(client, resident):
    crisis = CrisisFactory()
    kept = HelpRequestFactory(crisis=crisis, email="lina@example.org", name="Lina Sandberg", keep_for_case=True)
    gone = HelpRequestFactory(crisis=crisis, email="LINA@example.org", name="Lina Sandberg", what="Handla mat")
    other = HelpRequestFactory(crisis=crisis, email="per@example.org", name="Per Ek")
    client.force_login(resident)
    client.post(DELETE, {"confirm": "RADERA"})
    kept.refresh_from_db(), gone.refresh_from_db(), other.refresh_from_db()
    assert (kept.name, kept.erased_at) == ("Lina Sandberg", None)
    assert (gone.name, gone.email, gone.what) == ("", "", "") and gone.erased_at is not None
    assert other.name == "Per Ek"


def test_rows_with_an_unconfirmed_address_are_not_shown_or_erased(client, resident):
    EmailAddress.objects.create(user=resident, email="lina.s@example.org", verified=False)
    case = CaseFactory(user=None, email="lina.s@example.org", message="Någon annans fråga")
    client.force_login(resident)
    assert "Någon annans fråga" not in client.get(MY_DATA, {"download": "1"}).content.decode()
    client.post(DELETE, {"confirm": "RADERA"})
    case.refresh_from_db()
    assert case.token and case.message == "Någon annans fråga"

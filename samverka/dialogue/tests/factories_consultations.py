"""Factories for consultations (remiss). A minimal process factory is here too, with a consultation
phase under way, so this part's tests stand on their own."""

from datetime import timedelta

import factory
from django.utils import timezone

from samverka.dialogue.models import (
    Consultation,
    ConsultationAnswer,
    ConsultationQuestion,
    Phase,
    PhaseKind,
    Process,
    Recipient,
)
from samverka.municipality.tests.factories import OfficeFactory


class ConsultingProcessFactory(factory.django.DjangoModelFactory):
    """An open process of the social office whose consultation phase runs from ten days ago to
    twenty days ahead."""

    class Meta:
        model = Process
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nya seniorsamtal {n}")
    slug = factory.Sequence(lambda n: f"nya-seniorsamtal-{n}")
    summary = "Socialkontoret ser över seniorsamtalen och frågar råden."
    purpose = "Vi vill göra hembesöken vid 80 år bättre och nå fler."
    to_decide = "Hur seniorsamtalen ska erbjudas från nästa år."
    office = factory.SubFactory(OfficeFactory, slug="socialkontoret", name="Socialkontoret")
    level = Process.Level.CONSULTATION
    stage = Process.Stage.DRAFTING
    status = Process.Status.OPEN
    audience = Process.Audience.INVITED

    @factory.post_generation
    def phases(obj, create, extracted, **kwargs):
        if create and extracted is None:
            now = timezone.now()
            Phase.objects.create(process=obj, kind=PhaseKind.CONSULTATION, name="Remisstid",
                                 starts_at=now - timedelta(days=10), ends_at=now + timedelta(days=20))
            Phase.objects.create(process=obj, kind=PhaseKind.FEEDBACK, name="Återkoppling",
                                 starts_at=now + timedelta(days=20), ends_at=now + timedelta(days=80))


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    process = factory.SubFactory(ConsultingProcessFactory)
    title = factory.Sequence(lambda n: f"Remiss om seniorsamtal {n}")
    body = "Vi föreslår att seniorsamtalen erbjuds redan vid 75 år. Vad tycker ni?"
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    remind_days_before = 7
    status = Consultation.Status.DRAFT

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if create:
            texts = extracted if extracted is not None else [
                "Vid vilken ålder bör samtalet erbjudas?", "Vad saknas i dagens samtal?"]
            for n, text in enumerate(texts):
                ConsultationQuestion.objects.create(consultation=obj, text=text, position=n)


class SentConsultationFactory(ConsultationFactory):
    status = Consultation.Status.SENT
    sent_at = factory.LazyFunction(timezone.now)


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient

    consultation = factory.SubFactory(SentConsultationFactory)
    actor = factory.SubFactory("samverka.actors.tests.factories.AssociationFactory")
    group = None


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationAnswer

    recipient = factory.SubFactory(RecipientFactory)
    summary = "Vi välkomnar förslaget."
    revision = 1


# ---------------------------------------------------------------- fixtures (import them into a test module)

import pytest  # noqa: E402

from samverka.accounts.tests.factories import UserFactory  # noqa: E402
from samverka.municipality.tests.factories import OfficeMembershipFactory  # noqa: E402


@pytest.fixture
def social_office(db):
    return OfficeFactory(slug="socialkontoret", name="Socialkontoret")


@pytest.fixture
def ali(social_office):
    """Ali runs the senior talks' consultation at the social office."""
    user = UserFactory(first_name="Ali", last_name="Hassan", email="ali@example.org")
    OfficeMembershipFactory(user=user, office=social_office)
    return user


@pytest.fixture
def senior_talks(social_office, ali):
    return ConsultingProcessFactory(office=social_office, contact=ali, title="Nya seniorsamtal", slug="seniorsamtal")


@pytest.fixture
def pensioners_council(social_office):
    from samverka.networks.tests.factories import CouncilFactory

    return CouncilFactory(name="Kommunala pensionärsrådet", slug="pensionarsradet", office=social_office)


@pytest.fixture
def council_chair(pensioners_council):
    from samverka.networks.models import Membership
    from samverka.networks.tests.factories import MembershipFactory

    user = UserFactory(first_name="Birgitta", last_name="Holm", email="birgitta@example.org")
    MembershipFactory(group=pensioners_council, user=user, role=Membership.Role.CHAIR)
    return user


@pytest.fixture
def council_member(pensioners_council):
    """Gunnar is PRO's delegate in the pensioners' council: he drafts, the chair sends."""
    from samverka.networks.tests.factories import MembershipFactory

    user = UserFactory(first_name="Gunnar", last_name="Ek", email="gunnar@example.org")
    MembershipFactory(group=pensioners_council, user=user)
    return user


@pytest.fixture
def consultation(senior_talks, ali):
    return ConsultationFactory(process=senior_talks, created_by=ali, title="Remiss: nya seniorsamtal")


@pytest.fixture
def sent(consultation, actor, representative, pensioners_council, council_chair, council_member):
    """The consultation, sent to Parkinson Ekerö (Eva represents it) and the pensioners' council
    (Birgitta chairs it, Gunnar is a member)."""
    consultation.status, consultation.sent_at = Consultation.Status.SENT, timezone.now()
    consultation.save()
    RecipientFactory(consultation=consultation, actor=actor)
    RecipientFactory(consultation=consultation, actor=None, group=pensioners_council)
    return consultation


@pytest.fixture
def actor_recipient(sent, actor):
    return sent.recipients.get(actor=actor)


@pytest.fixture
def council_recipient(sent, pensioners_council):
    return sent.recipients.get(group=pensioners_council)


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def private_files(tmp_path, monkeypatch):
    """Each test's private files in a folder of its own."""
    from django.core.files.storage import FileSystemStorage

    from samverka.core import storage

    monkeypatch.setattr(storage.private, "_wrapped", FileSystemStorage(location=tmp_path / "private"))
    return tmp_path / "private"

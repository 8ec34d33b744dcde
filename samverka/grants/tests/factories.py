from datetime import date

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from samverka.grants.models import (
    AnnualDocument,
    Application,
    BudgetLine,
    Criterion,
    Decision,
    DecisionRight,
    GrantProgramme,
    Review,
)
from samverka.municipality.models import Committee

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["slug"]

    slug = "kultur-och-fritidsnamnden"
    name = "Kultur- och fritidsnämnden"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantProgramme
        skip_postgeneration_save = True

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"Aktivitetsbidrag {n}")
    slug = factory.Sequence(lambda n: f"aktivitetsbidrag-{n}")
    kind = GrantProgramme.Kind.ACTIVITY
    year = 2026
    opens_on = date(2026, 3, 1)
    closes_on = date(2026, 3, 31)
    pool = 100_000
    must_be_active_here = False
    budget_required = True

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        for position, (name, weight) in enumerate(extracted if extracted is not None
                                                  else [("Når många invånare", 2), ("Genomförbar plan", 1)]):
            Criterion.objects.create(programme=self, name=name, weight=weight, position=position)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    actor = factory.SubFactory("samverka.actors.tests.factories.AssociationFactory")
    title = "Sittgympa för medlemmar"
    purpose = "Vi ordnar sittgympa en gång i veckan i Ekerö centrum."
    amount_asked = 10_000


class SubmittedApplicationFactory(ApplicationFactory):
    status = Application.Status.SUBMITTED
    case_number = factory.Sequence(lambda n: f"KFN 2026/{n + 9000:04d}")
    submitted_at = factory.LazyFunction(timezone.now)


def budget(application, *, income=5_000, costs=15_000):
    BudgetLine.objects.create(application=application, kind="income", label="Medlemsavgifter", amount=income)
    BudgetLine.objects.create(application=application, kind="cost", label="Lokalhyra och ledare", amount=costs)


def review(application, reviewer, score=4):
    return Review.objects.create(application=application, reviewer=reviewer, comment="Bra och genomförbart.",
                                 scores={str(c.pk): score for c in application.programme.criteria.all()})


def decision_right(user, committee):
    return DecisionRight.objects.create(user=user, committee=committee)


def decided(application, *, amount, reasons="Verksamheten når många.", meeting_date=date(2026, 6, 10)):
    application.status = Application.Status.DECIDED
    application.save(update_fields=["status"])
    return Decision.objects.create(application=application, outcome="granted" if amount else "refused",
                                   amount=amount, reasons=reasons, meeting_date=meeting_date)


def approved_documents(actor, year, by=None):
    from django.utils import timezone

    for kind, _label in AnnualDocument.Kind.choices:
        AnnualDocument.objects.create(actor=actor, year=year, kind=kind, file=ContentFile(PDF, name="doc.pdf"),
                                      approved_at=timezone.now(), approved_by=by)

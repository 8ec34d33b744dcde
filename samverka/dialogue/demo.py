"""Demo dialogue (invented people). `load_demo` calls `load(stdout=..., password=...)` after the
standing groups; running it again adds nothing.

The processes and their phases are made here; each part adds its content in its own module:
proposals, comments, workshops and feedback (`demo_processes`), the consultation to the
pensioners' and disability councils (`demo_consultations`), the surveys (`demo_surveys`). They
find their process by its slug (`process(slug)`)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.activities.recurrence import TZ
from samverka.municipality.models import Area, Committee, Office, SdgGoal

from .models import Phase, PhaseKind, Process

DIALOGUE_2017 = "dialogen-2017"
SENIOR_TALKS = "seniorsamtalen"
YOUTH = "ungas-ekero"


def _at(day, hour=0) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TZ)


def process(slug: str) -> Process | None:
    return Process.objects.filter(slug=slug).prefetch_related("phases").first()


def _process(*, slug, office, contact, committee, phases, areas=(), goals=(), **fields) -> Process:
    found = Process.objects.filter(slug=slug).first()
    if found:
        return found
    made = Process.objects.create(slug=slug, office=office, contact=contact, decided_by=committee,
                                  created_by=contact, **fields)
    made.areas.set(Area.objects.filter(slug__in=areas))
    made.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
    for kind, name, start, end in phases:
        Phase.objects.create(process=made, kind=kind, name=name, starts_at=_at(start), ends_at=_at(end))
    return made


def _processes() -> int:
    office = {o.slug: o for o in Office.objects.all()}
    committee = {c.slug: c for c in Committee.objects.all()}
    culture, social = office.get("kultur-och-fritidskontoret"), office.get("socialkontoret")
    if culture is None or social is None:
        return 0
    sara = User.objects.filter(email="handlaggare@samverka.example").first()
    ali = User.objects.filter(email="socialkontoret@samverka.example").first()
    today = timezone.localdate()

    # The 2017 dialogue that led to the policy: closed, with feedback given.
    d2017 = today.replace(year=2017, month=3, day=1)
    _process(
        slug=DIALOGUE_2017, office=culture, contact=sara, committee=committee.get("kommunstyrelsen"),
        title="Dialogen om samverkan med civilsamhället 2017",
        summary="Hur ska kommunen och civilsamhället samverka? En enkät, fem fokusgrupper och en öppen workshop.",
        purpose="Kommunen ville veta hur föreningar, trossamfund och andra aktörer ser på samverkan: vad som "
                "fungerar, vad som saknas och vad en gemensam policy borde innehålla. Svaren blev underlag för "
                "policyn för samverkan med civilsamhället.",
        to_decide="En policy för samverkan mellan kommunen och civilsamhället.",
        decision_on=d2017.replace(month=12, day=11), level=Process.Level.DIALOGUE,
        stage=Process.Stage.DRAFTING, status=Process.Status.CLOSED, closed_at=_at(d2017.replace(month=12, day=20)),
        outcome="Kommunstyrelsen antog policyn för samverkan med civilsamhället. Dialogens viktigaste synpunkter "
                "blev policyns punkter: tidig dialog och återkoppling i punkterna 2 och 7, och en väg in till "
                "kommunen i punkt 6 om en öppen och tillgänglig beslutsprocess med aktuell information.",
        areas=["integration", "kultur", "folkhalsa"], goals=[16, 17],
        phases=[
            (PhaseKind.SURVEY, "Enkät till aktörerna", d2017, d2017 + timedelta(days=30)),
            (PhaseKind.MEETINGS, "Fokusgrupper och öppen workshop", d2017 + timedelta(days=30),
             d2017 + timedelta(days=90)),
            (PhaseKind.FEEDBACK, "Återkoppling och beslut", d2017 + timedelta(days=90),
             d2017 + timedelta(days=290)),
        ])

    # Revising the senior talks: a consultation to the councils, under way now.
    _process(
        slug=SENIOR_TALKS, office=social, contact=ali, committee=committee.get("socialnamnden"),
        title="Nya seniorsamtal",
        summary="Socialkontoret ser över seniorsamtalen vid 80 år och frågar pensionärsrådet och "
                "funktionshindersrådet.",
        purpose="Alla som fyller 80 år och inte har stöd från socialtjänsten erbjuds ett hembesök som berättar "
                "vilket stöd som finns. Vi vill göra samtalen bättre och nå fler, och vill höra råden och "
                "föreningarna innan förslaget går till nämnden.",
        to_decide="Hur seniorsamtalen ska erbjudas och genomföras från nästa år.",
        decision_on=today + timedelta(days=75), level=Process.Level.CONSULTATION, stage=Process.Stage.DRAFTING,
        status=Process.Status.OPEN, audience=Process.Audience.INVITED, areas=["omsorg", "folkhalsa"], goals=[3, 10],
        phases=[
            (PhaseKind.INFORMATION, "Förslaget presenteras", today - timedelta(days=20), today - timedelta(days=14)),
            (PhaseKind.CONSULTATION, "Remisstid", today - timedelta(days=14), today + timedelta(days=16)),
            (PhaseKind.FEEDBACK, "Återkoppling och beslut", today + timedelta(days=16), today + timedelta(days=75)),
        ])

    # A youth dialogue: proposals now, a workshop next.
    _process(
        slug=YOUTH, office=culture, contact=sara, committee=committee.get("kultur-och-fritidsnamnden"),
        title="Ungas Ekerö – vad vill du göra på fritiden?",
        summary="Vi frågar unga mellan 13 och 19 år vad som saknas på fritiden, och bjuder in till workshop.",
        purpose="Kultur- och fritidsnämnden ska besluta om fritidsgårdarnas och mötesplatsernas verksamhet. "
                "Innan dess vill vi höra unga själva: vad gör ni i dag, vad saknas, och vad skulle ni vilja "
                "vara med och ordna?",
        to_decide="Fritidsgårdarnas öppettider och verksamhet nästa år.",
        decision_on=today + timedelta(days=120), level=Process.Level.DIALOGUE, stage=Process.Stage.AGENDA_SETTING,
        status=Process.Status.OPEN, audience=Process.Audience.YOUTH, areas=["fritid", "kultur"], goals=[3, 4, 10],
        phases=[
            (PhaseKind.PROPOSALS, "Förslag och kommentarer", today - timedelta(days=10), today + timedelta(days=20)),
            (PhaseKind.SURVEY, "Enkät", today - timedelta(days=10), today + timedelta(days=20)),
            (PhaseKind.MEETINGS, "Workshop", today + timedelta(days=20), today + timedelta(days=40)),
            (PhaseKind.FEEDBACK, "Återkoppling", today + timedelta(days=40), today + timedelta(days=120)),
        ])
    return Process.objects.filter(slug__in=[DIALOGUE_2017, SENIOR_TALKS, YOUTH]).count()


def load(*, stdout, password: str) -> None:
    from . import demo_consultations, demo_processes, demo_surveys

    with transaction.atomic():
        made = _processes()
        for part in (demo_processes, demo_consultations, demo_surveys):
            part.load(stdout=stdout, password=password)
    stdout.write(f"Dialogue: {made} processes.")

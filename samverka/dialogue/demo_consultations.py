"""Demo consultation (invented people): the social office's consultation on the new senior talks,
sent to the pensioners' council, the disability council, PRO Ekerö and RSMH Ekerö. The
pensioners' council has sent its answer (its chair sent what its delegates drafted), the
disability council has a draft, the two associations have not answered yet. Running it again
adds nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from samverka.accounts.models import User
from samverka.activities.recurrence import TZ
from samverka.actors.models import Actor
from samverka.networks.models import Group, Membership

from . import demo, services_consultations
from .models import Consultation

TITLE = "Remiss: nya seniorsamtal vid 80 år"

BODY = (
    "Socialkontoret föreslår att seniorsamtalen ändras från nästa år:\n\n"
    "1. Alla som fyller 80 år får ett brev och ett samtal per telefon, inte bara ett brev.\n"
    "2. Samtalet kan hållas hemma, på en träffpunkt eller per video, som den äldre själv väljer.\n"
    "3. Samtalet tar upp ensamhet och gemenskap, och föreningarnas verksamhet för seniorer presenteras.\n\n"
    "Vi vill veta vad rådet eller föreningen tycker om förslaget innan det går till socialnämnden. "
    "Svara på frågorna nedan. Ni kan också lämna andra synpunkter i sammanfattningen.")

QUESTIONS = [
    "Vad tycker ni om att alla som fyller 80 år ska få ett samtal per telefon, och inte bara ett brev?",
    "Var och hur bör samtalet hållas för att passa så många som möjligt?",
    "Hur kan föreningarnas verksamhet för seniorer bäst presenteras i samtalet?",
    "Finns det grupper som riskerar att inte nås, och hur når vi dem?",
]

PENSIONERS_ANSWER = (
    "Pensionärsrådet välkomnar förslaget. Ett telefonsamtal når fler än ett brev, särskilt de som bor ensamma.",
    [
        "Bra. Ring helst på förmiddagen och säg tydligt att samtalet kommer från kommunen, så att ingen tror att "
        "det är bedrägeri.",
        "Hemma för de flesta. Träffpunkterna i Stockby och Träkvista passar dem som vill komma ut. Video bara "
        "om den äldre ber om det.",
        "Lämna en tryckt lista över föreningarnas träffar. PRO och SPF vill gärna följa med på en träffpunkt "
        "någon gång per termin.",
        "De som inte talar svenska och de som bor på öarna utan bro. Använd tolk och samarbeta med "
        "Öar utan gränser.",
    ])

DISABILITY_DRAFT = (
    "Utkast: rådet är positivt men vill att samtalet anpassas för personer med syn- och hörselnedsättning.",
    [
        "Bra, men erbjud också sms eller brev i lättläst svenska och punktskrift.",
        "",
        "",
        "Personer med kognitiv funktionsnedsättning och de som har god man. Fråga FUB hur de bäst nås.",
    ])

PDF_HTML = ("<h1>Förslag: nya seniorsamtal</h1><p>Socialkontoret, Ekerö kommun.</p>"
            "<p>Seniorsamtalet erbjuds alla som fyller 80 år och inte har stöd från socialtjänsten. "
            "Förslaget: brev och telefonsamtal, samtal där den äldre vill, och föreningarnas verksamhet i samtalet.</p>")


def _pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string=PDF_HTML).write_pdf()


def load(*, stdout, password: str) -> None:
    process = demo.process(demo.SENIOR_TALKS)
    if process is None or Consultation.objects.filter(process=process, title=TITLE).exists():
        return
    ali = User.objects.filter(email="socialkontoret@samverka.example").first()
    pensioners = Group.objects.filter(kind=Group.Kind.COUNCIL, name="Kommunala pensionärsrådet").first()
    disability = Group.objects.filter(kind=Group.Kind.COUNCIL, name="Kommunala rådet för funktionshinderfrågor").first()
    actors = list(Actor.objects.filter(name__in=["PRO Ekerö", "RSMH Ekerö"]).order_by("name"))
    phase = next((p for p in process.phases.all() if p.kind == "consultation"), None)
    if phase is None or not (pensioners or disability or actors):
        return
    deadline = min(datetime.combine(timezone.localdate() + timedelta(days=14), time(16), tzinfo=TZ),
                   phase.ends_at - timedelta(hours=1))
    consultation = services_consultations.create_consultation(
        by=ali, process=process, questions=QUESTIONS,
        data={"title": TITLE, "body": BODY, "deadline": deadline, "remind_days_before": 7})
    services_consultations.add_document(by=ali, consultation=consultation, title="Förslag: nya seniorsamtal",
                                        file=ContentFile(_pdf(), name="forslag-seniorsamtal.pdf"))
    services_consultations.set_recipients(by=ali, consultation=consultation, actors=actors,
                                          groups=[g for g in (pensioners, disability) if g])
    if not phase.is_under_way():
        stdout.write("Dialogue: the consultation is a draft (its phase is not under way).")
        return
    services_consultations.send_out(by=ali, consultation=consultation)
    questions = list(consultation.questions.all())
    for group, (summary, texts), send in ((pensioners, PENSIONERS_ANSWER, True),
                                         (disability, DISABILITY_DRAFT, False)):
        if group is None:
            continue
        recipient = consultation.recipients.get(group=group)
        members = {m.role: m.user for m in Membership.objects.filter(group=group, status=Membership.Status.ACTIVE)
                   .exclude(role=Membership.Role.SECRETARY).select_related("user").order_by("-role")}
        drafter = members.get(Membership.Role.MEMBER) or members.get(Membership.Role.CHAIR)
        answer = services_consultations.save_answer(
            by=drafter, recipient=recipient, summary=summary, revision=0,
            parts={q.pk: text for q, text in zip(questions, texts, strict=False)})
        chair = members.get(Membership.Role.CHAIR)
        if send and chair is not None:
            services_consultations.send_answer(by=chair, recipient=recipient, revision=answer.revision)
    stdout.write("Dialogue: a consultation to the councils, one answer sent, one drafted, two missing.")

"""Demo grants: the social committee's operating support with last year's decisions (the
crime victims' helpline's long-term 84 000 kronor counted inside the 135 000, BRIS based
outside the municipality but reaching its children), this year's call open now, the culture
and leisure committee's activity grants with applications in review, and the 10 000
kronor award. All people are invented. `load_demo` calls `load(stdout=..., password=...)`;
running it again adds nothing."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.actors.models import Actor, ActorMembership
from samverka.core import audit
from samverka.municipality.models import Committee, District

from . import services
from .models import (
    AnnualDocument,
    Application,
    BudgetLine,
    Criterion,
    Decision,
    DecisionRight,
    FollowUpReport,
    GrantProgramme,
    PaymentDetails,
    Payout,
    Reclaim,
    Review,
)

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

OPERATING_CRITERIA = [("Verksamheten når invånare i kommunen som behöver stöd", 3),
                      ("Samverkan med kommunen och andra föreningar", 2), ("Rimlig budget", 1)]
ACTIVITY_CRITERIA = [("Når många, särskilt unga och nyanlända", 3), ("Genomförbar plan", 2),
                     ("Samverkan över gränser", 1)]
FOLLOW_UP = "Vad gjorde ni med stödet?\nHur många deltog?\nVad vill ni utveckla nästa år?"

# (actor, amount, reasons) — last year's operating support; the sum is the pool, 135 000.
# Invented bankgiro numbers with a valid check digit.
BANKGIRO = {"Parkinson Ekerö": "5402-9681", "RSMH Ekerö": "123-4566", "Synskadades riksförbund Ekerö (SRF)": "5050-1055"}

LAST_YEAR = [
    ("Brottsofferjouren Ekerö", 84_000,
     "Långsiktig samverkansöverenskommelse om stöd till brottsutsatta, vittnen och anhöriga. Överenskommelsen ryms "
     "i verksamhetsstödet och räknas inte en gång till."),
    ("Parkinson Ekerö", 12_000, "Träffar, gympa och anhörigstöd för personer med Parkinsons sjukdom i kommunen."),
    ("Handikappseglarklubben Vindens Vänner", 10_000, "Segling för personer med funktionsnedsättning."),
    ("Föräldraföreningen Mot Narkotika (FMN Ekerö)", 8_000, "Stöd till föräldrar och förebyggande arbete bland unga."),
    ("RSMH Ekerö", 9_000, "Mötesplats och stöd för personer med psykisk ohälsa, i samarbete med dagverksamheten."),
    ("Synskadades riksförbund Ekerö (SRF)", 6_000, "Aktiviteter och stöd för personer med synnedsättning."),
    ("BRIS – lokalt arbete på Ekerö", 6_000,
     "Organisationen har sitt säte utanför kommunen, men stödet går till arbete som når barn och unga i Ekerö "
     "kommun."),
]


def load(*, stdout, password: str) -> None:
    if GrantProgramme.objects.exists():
        return
    committees = {c.slug: c for c in Committee.objects.all()}
    if "socialnamnden" not in committees or "kultur-och-fritidsnamnden" not in committees:
        return
    with transaction.atomic():
        _load(committees, password)
    stdout.write(f"Grants: {GrantProgramme.objects.count()} programmes, {Application.objects.count()} applications, "
                 f"{Decision.objects.count()} decisions.")
    stdout.write("  namndsekreterare@samverka.example     Karin Åström, records Socialnämnden's and Kultur- och "
                 "fritidsnämnden's grant decisions")


def _actor(name):
    return Actor.objects.filter(name=name).first()


def _load(committees, password):
    today = timezone.localdate()
    year = today.year
    social, culture = committees["socialnamnden"], committees["kultur-och-fritidsnamnden"]
    secretary = User.objects.filter(email="namndsekreterare@samverka.example").first()
    if secretary is None:
        from allauth.account.models import EmailAddress

        secretary = User.objects.create_user(email="namndsekreterare@samverka.example", password=password,
                                             first_name="Karin", last_name="Åström")
        EmailAddress.objects.create(user=secretary, email=secretary.email, verified=True, primary=True)
    for committee in (social, culture):
        DecisionRight.objects.get_or_create(committee=committee, user=secretary)
    social_official = User.objects.filter(office_memberships__office__slug="socialkontoret").first()
    culture_official = User.objects.filter(office_memberships__office__slug="kultur-och-fritidskontoret").first()
    everywhere = list(District.objects.all())

    # Last year's operating support, decided at the June meeting, paid and followed up.
    past = GrantProgramme.objects.create(
        committee=social, name="Verksamhetsstöd", slug=f"verksamhetsstod-{year - 1}", kind="operating",
        year=year - 1, pool=135_000, opens_on=date(year - 1, 2, 1), closes_on=date(year - 1, 3, 31),
        description="Stöd till föreningar och organisationer vars verksamhet når invånare som behöver stöd: "
                    "personer med funktionsnedsättning, sjukdom eller psykisk ohälsa, brottsutsatta, barn och "
                    "föräldrar.",
        eligible_kinds=["association", "faith", "study", "foundation"], must_be_active_here=False,
        required_attachments="Verksamhetsplan", follow_up_due_on=date(year, 3, 31), follow_up_questions=FOLLOW_UP,
        two_reviewers_above=50_000)
    _criteria(past, OPERATING_CRITERIA)
    meeting = date(year - 1, 6, 11)
    for n, (name, amount, reasons) in enumerate(LAST_YEAR):
        actor = _actor(name)
        if actor is None:
            continue
        application = _submitted(past, actor, amount, f"Verksamhetsstöd {year - 1}",
                                 submitted=date(year - 1, 3, 1) + timedelta(days=n * 3))
        for reviewer in filter(None, [social_official, secretary if amount > 50_000 else None]):
            Review.objects.create(application=application, reviewer=reviewer, comment="Uppfyller kriterierna.",
                                  scores={str(c.pk): 4 for c in past.criteria.all()})
        Decision.objects.create(application=application, outcome="granted", amount=amount, reasons=reasons,
                                meeting_date=meeting, decided_by=secretary)
        application.status = Application.Status.DECIDED
        application.save(update_fields=["status"])
        Payout.objects.create(application=application, instalment=1, paid_on=date(year - 1, 7, 1), amount=amount,
                              recorded_by=social_official)
        report = FollowUpReport.objects.create(application=application, due_on=past.follow_up_due_on)
        if n % 3 != 2:  # most have reported
            answers = ["Vi höll träffar varje vecka under året.", "Omkring 40 personer.",
                       "Fler aktiviteter på Adelsö och Munsö."]
            report.answers = [{"question": q, "answer": a} for q, a in zip(past.question_list, answers, strict=False)]
            report.submitted_at = timezone.now() - timedelta(days=20 + n)
            report.save(update_fields=["answers", "submitted_at"])
        elif n == 5 and report.due_on + timedelta(days=21) < today:  # one missing report, reclaimed
            Reclaim.objects.create(application=application, amount=amount, meeting_date=report.due_on + timedelta(days=21),
                                   decided_by=secretary,
                                   reasons="Ingen uppföljningsrapport har kommit in trots påminnelser före och efter "
                                           "sista dag. Bidraget ska betalas tillbaka.")
        audit.record(by=secretary, action="grant.decide", target=application,
                     changes={"outcome": "granted", "amount": amount, "meeting_date": meeting.isoformat()})

    # This year's operating support: open now, annual documents required.
    current = GrantProgramme.objects.create(
        committee=social, name="Verksamhetsstöd", slug=f"verksamhetsstod-{year}", kind="operating", year=year,
        pool=135_000, opens_on=today - timedelta(days=20), closes_on=today + timedelta(days=40),
        description=past.description, eligible_kinds=past.eligible_kinds, documents_required=True,
        required_attachments="Verksamhetsplan", follow_up_due_on=date(year + 1, 3, 31),
        follow_up_questions=FOLLOW_UP, two_reviewers_above=50_000)
    _criteria(current, OPERATING_CRITERIA)
    for name in ("Parkinson Ekerö", "RSMH Ekerö", "Synskadades riksförbund Ekerö (SRF)"):
        actor = _actor(name)
        if actor is None:
            continue
        for kind, _label in AnnualDocument.Kind.choices:
            AnnualDocument.objects.create(actor=actor, year=year - 1, kind=kind,
                                          file=ContentFile(PDF, name=f"{kind}.pdf"),
                                          approved_at=timezone.now() - timedelta(days=30), approved_by=social_official)
        PaymentDetails.objects.get_or_create(actor=actor, defaults={
            "account_kind": "bankgiro", "account_number": BANKGIRO[name], "changed_by": social_official})
    parkinson = _actor("Parkinson Ekerö")
    eva = User.objects.filter(email="forening@samverka.example").first()
    if parkinson and eva:
        draft = Application.objects.create(programme=current, actor=parkinson, applicant=eva,
                                           title="Träffar och gympa för personer med Parkinson",
                                           purpose="Vi fortsätter med veckoträffar, sittgympa och anhörigcirklar.",
                                           amount_asked=14_000)
        BudgetLine.objects.bulk_create([
            BudgetLine(application=draft, kind="income", label="Medlemsavgifter", amount=6_000),
            BudgetLine(application=draft, kind="cost", label="Lokalhyra", amount=12_000),
            BudgetLine(application=draft, kind="cost", label="Ledare för sittgympa", amount=8_000)])
    rsmh = _actor("RSMH Ekerö")
    if rsmh:
        _submitted(current, rsmh, 9_500, "Mötesplats för psykisk hälsa", submitted=today - timedelta(days=5))

    # The culture and leisure committee's activity grants: open, two in review.
    activity = GrantProgramme.objects.create(
        committee=culture, name="Aktivitetsbidrag", slug=f"aktivitetsbidrag-{year}", kind="activity", year=year,
        pool=60_000, opens_on=today - timedelta(days=10), closes_on=today + timedelta(days=50), instalments=2,
        description="Bidrag till aktiviteter för barn, unga och nyanlända: läger, kurser, föreställningar och "
                    "öppna träffar.",
        required_attachments="Aktivitetsplan", follow_up_due_on=today + timedelta(days=300),
        follow_up_questions=FOLLOW_UP, two_reviewers_above=20_000)
    _criteria(activity, ACTIVITY_CRITERIA)
    for name, amount, title, score in (("Ekerö Schackklubb", 8_000, "Schackskola för unga på fritidsgårdarna", 4),
                                       ("Teaterföreningen Öscenen", 24_000, "Sommarteater på Adelsö", 3),
                                       ("Öar utan gränser", 12_000, "Språkcafé och kulturkvällar", None)):
        actor = _actor(name)
        if actor is None:
            continue
        application = _submitted(activity, actor, amount, title, submitted=today - timedelta(days=3))
        if score is not None and culture_official:
            Review.objects.create(application=application, reviewer=culture_official, comment="Tydlig plan.",
                                  scores={str(c.pk): score for c in activity.criteria.all()})
            application.status = Application.Status.IN_REVIEW
            application.save(update_fields=["status"])

    # The annual award: 10 000 kronor, associations and organisations active here, not networks or individuals.
    award = GrantProgramme.objects.create(
        committee=social, name="Utmärkelsen Årets eldsjälsförening", slug=f"utmarkelse-{year}", kind="award",
        year=year, pool=10_000, opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=60),
        description="10 000 kronor till en förening eller organisation som arbetar för personer i behov av stöd i "
                    "kommunen. Föreningar söker själva, eller nämnden nominerar.",
        eligible_kinds=["association", "faith", "study", "foundation"], must_be_active_here=True,
        budget_required=False)
    _criteria(award, [("Betydelse för personer i behov av stöd", 2), ("Engagemang och nytänkande", 1)])
    # Agenda 2030: operating support for health and equality, activity grants for health and education.
    for programme, goals in ((past, [3, 10]), (current, [3, 10]), (activity, [3, 4, 10]), (award, [3, 10])):
        programme.sdg_goals.set(goals)
    past_award = GrantProgramme.objects.create(
        committee=social, name="Utmärkelsen Årets eldsjälsförening", slug=f"utmarkelse-{year - 1}", kind="award",
        year=year - 1, pool=10_000, opens_on=date(year - 1, 8, 1), closes_on=date(year - 1, 9, 30),
        description=award.description, eligible_kinds=award.eligible_kinds, must_be_active_here=True,
        budget_required=False)
    helpline = _actor("Brottsofferjouren Ekerö")
    if helpline and social_official and helpline.districts.exists():
        services.nominate(by=None, programme=award, nominee=helpline, title="Stöd dygnet runt till brottsutsatta",
                          motivation="Ideella stödpersoner följer brottsutsatta, vittnen och anhöriga genom "
                                     "rättsprocessen, och har gjort det i över tjugo år.")
        dementia = _actor("Demensföreningen Mälaröarna")
    if dementia:
        if not dementia.districts.exists():
            dementia.districts.set(everywhere)
        winner = _submitted(past_award, dementia, 10_000, "Anhörigcaféer på öarna", submitted=date(year - 1, 9, 20))
        Decision.objects.create(application=winner, outcome="granted", amount=10_000, decided_by=secretary,
                                meeting_date=date(year - 1, 10, 15),
                                reasons="Anhörigcaféer och stöd till personer med demens och deras närstående på "
                                        "alla öar, byggt av ideella krafter.")
        winner.status = Application.Status.DECIDED
        winner.save(update_fields=["status"])


def _criteria(programme, criteria):
    Criterion.objects.bulk_create([Criterion(programme=programme, name=name, weight=weight, position=n)
                                   for n, (name, weight) in enumerate(criteria)])


def _submitted(programme, actor, amount, title, *, submitted):
    representative = ActorMembership.objects.filter(actor=actor, role="owner").select_related("user").first()
    application = Application.objects.create(
        programme=programme, actor=actor, applicant=representative.user if representative else None, title=title,
        purpose=f"{title}. Vi beskriver verksamheten, vilka den når och hur vi följer upp den.", amount_asked=amount,
        status=Application.Status.SUBMITTED,
        case_number=services.next_case_number(committee=programme.committee, year=submitted.year),
        submitted_at=timezone.make_aware(timezone.datetime(submitted.year, submitted.month, submitted.day, 10)),
        created_at=timezone.now())
    BudgetLine.objects.bulk_create([
        BudgetLine(application=application, kind="income", label="Medlemsavgifter och egna medel", amount=amount // 2),
        BudgetLine(application=application, kind="cost", label="Lokaler, material och ledare",
                   amount=amount + amount // 2)])
    return application

"""The standing groups, the grants' public decisions and the dialogue for the benchmark (issues 13,
14 and 20). Each `fill_*` writes its bench twin in one transaction and returns the paths to
measure; `python -m bench` measures them next to the directory and the calendar.

- `fill_group()`: a network of 2 000 members with 200 meetings and 5 000 follow-up points; the
  bench's logged-in visitor (the demo association owner) is its chair and owns 200 of the points.
  Measured: the group page, a meeting page with agenda and approved minutes, the owner's list of
  points (issue 20: p95 under 150 ms, queries constant as data grow).
- `fill_decisions()`: 2 000 decided grant applications; measured: the public decisions page
  (issue 13).
- `fill_dialogue()`: a process page with 2 000 proposals and comments and a survey's results
  with 10 000 answers (issue 14).
- `fill_ideas_and_partnerships()`: the coaches' board with 2 000 ideas and the list of 500
  partnerships (issue 15)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

FIRST = ["Greta", "Karin", "Nils", "Ali", "Sara", "Omar", "Lena", "Per", "Aisha", "Björn", "Maja", "Yusuf"]
LAST = ["Holm", "Ek", "Berg", "Lind", "Åberg", "Hassan", "Nyström", "Sandberg", "Haddad", "Falk"]
VISITOR = "forening@samverka.example"  # bench/cli.py DEMO_LOGIN


def _users(prefix: str, count: int, rng: random.Random) -> list:
    User = get_user_model()
    User.objects.filter(email__startswith=f"{prefix}-").delete()
    return User.objects.bulk_create([
        User(email=f"{prefix}-{i}@example.org", first_name=rng.choice(FIRST), last_name=rng.choice(LAST),
             password=make_password(None))  # unusable: nobody logs in as them
        for i in range(count)])


def fill_group(*, members: int = 2000, meetings: int = 200, points: int = 5000, seed: int = 2027) -> dict[str, str]:
    from samverka.activities.recurrence import TZ
    from samverka.municipality.models import Office
    from samverka.networks.models import AgendaItem, Decision, FollowUpPoint, Group, Meeting, Membership, Minutes

    rng = random.Random(seed)
    visitor = get_user_model().objects.get(email=VISITOR)
    office = Office.objects.order_by("pk").first()
    with transaction.atomic():
        Group.objects.filter(slug="bank-natverket").delete()
        group = Group.objects.create(
            slug="bank-natverket", name="Nätverket (bänk)", kind=Group.Kind.NETWORK, office=office,
            purpose="Ett stort nätverk för benchmarken.", join_rule=Group.JoinRule.OPEN, is_public=True,
            minutes_rule=Group.MinutesRule.PUBLIC)
        people = _users("bank-grupp", members - 1, rng)
        Membership.objects.bulk_create(
            [Membership(group=group, user=visitor, role=Membership.Role.CHAIR)]
            + [Membership(group=group, user=u, role=Membership.Role.SECRETARY if i == 0 else Membership.Role.MEMBER)
               for i, u in enumerate(people)])
        today = timezone.localdate()
        first = today - timedelta(days=7 * (meetings - 10))
        made = Meeting.objects.bulk_create([
            Meeting(group=group, title=f"Nätverksträff {i + 1}", series="Nätverksträffar",
                    start=datetime.combine(first + timedelta(days=7 * i), time(18), tzinfo=TZ),
                    end=datetime.combine(first + timedelta(days=7 * i), time(20), tzinfo=TZ),
                    place="Kajutan, Ekerö centrum", created_by=visitor)
            for i in range(meetings)])
        past = [m for m in made if m.start.date() < today]
        AgendaItem.objects.bulk_create([AgendaItem(meeting=m, title=f"Punkt {n + 1}", proposed_by=visitor)
                                        for m in made for n in range(5)])
        minutes = Minutes.objects.bulk_create([
            Minutes(meeting=m, text="Mötet öppnades. " * 40, status=Minutes.Status.APPROVED, edited_by=people[0],
                    approved_by=visitor, approved_at=m.end + timedelta(days=2)) for m in past])
        Decision.objects.bulk_create([Decision(minutes=x, text=f"Beslut {n + 1}", position=n)
                                      for x in minutes for n in range(3)])
        FollowUpPoint.objects.bulk_create([
            FollowUpPoint(group=group, meeting=rng.choice(past), title=f"Uppföljning {i + 1}",
                          owner_user=visitor if i % 25 == 0 else rng.choice(people),
                          due_on=today + timedelta(days=rng.randrange(-120, 120)),
                          status=FollowUpPoint.Status.DONE if i % 3 == 0 else FollowUpPoint.Status.OPEN,
                          created_by=visitor)
            for i in range(points)])
        meeting = past[-1]
    with translation.override("sv"):
        return {"group_page": group.get_absolute_url(), "meeting_page": meeting.get_absolute_url(),
                "points_list": reverse("networks:my_points")}


def fill_decisions(*, applications: int = 2000, seed: int = 2027) -> dict[str, str]:
    from samverka.actors.models import Actor
    from samverka.grants.models import Application, Decision, GrantProgramme
    from samverka.municipality.models import Committee

    rng = random.Random(seed)
    committee = Committee.objects.order_by("pk").first()
    actors = list(Actor.objects.order_by("pk").values_list("pk", flat=True)[:applications])
    year = timezone.localdate().year - 1
    with transaction.atomic():
        for old in GrantProgramme.objects.filter(slug__startswith="bank-bidrag-"):
            Decision.objects.filter(application__programme=old).delete()
            old.applications.all().delete()
            old.delete()
        # One programme per 500 applications: one application per actor and programme.
        per = max(1, min(len(actors), 500))
        decided = date(year, 6, 15)
        for n in range(0, applications, per):
            programme = GrantProgramme.objects.create(
                slug=f"bank-bidrag-{n // per}", name=f"Föreningsbidrag (bänk {n // per + 1})", committee=committee,
                kind=GrantProgramme.Kind.choices[0][0], year=year, opens_on=date(year, 1, 1),
                closes_on=date(year, 3, 31), pool=10_000_000)
            made = Application.objects.bulk_create([
                Application(programme=programme, actor_id=actor, status=Application.Status.DECIDED,
                            title=f"Verksamhet {year}", purpose="Vår verksamhet för alla.",
                            amount_asked=rng.randrange(5, 100) * 1000, case_number=f"BANK-{n + i}",
                            submitted_at=timezone.now() - timedelta(days=300))
                for i, actor in enumerate(actors[:min(per, applications - n)])])
            Decision.objects.bulk_create([
                Decision(application=a, outcome=Decision.Outcome.GRANTED if i % 4 else Decision.Outcome.REFUSED,
                         amount=(a.amount_asked // 2) if i % 4 else 0, reasons="Enligt riktlinjerna.",
                         meeting_date=decided)
                for i, a in enumerate(made)])
    with translation.override("sv"):
        return {"grant_decisions": reverse("grants:decisions")}


def fill_dialogue(*, proposals: int = 1000, comments: int = 1000, answers: int = 10_000,
                  seed: int = 2027) -> dict[str, str]:
    """The youth dialogue's process page with `proposals` proposals and `comments` comments (half
    of the proposals answered with public feedback), and the 2017 survey's results with `answers`
    more answers (bench/surveys.py; issue 14: p95 under 150 ms, queries constant)."""
    from samverka.dialogue import demo
    from samverka.dialogue.models import Comment, FeedbackItem, Process, Proposal

    from . import surveys

    rng = random.Random(seed)
    process = Process.objects.get(slug=demo.YOUTH)
    people = _users("bank-dialog", 200, rng)
    now = timezone.now()
    with transaction.atomic():
        made = Proposal.objects.bulk_create([
            Proposal(process=process, author=rng.choice(people), title=f"Förslag {i + 1}: mer att göra på kvällarna",
                     body="Jag vill att fritidsgården har öppet längre på fredagar. " * 3,
                     created_at=now - timedelta(minutes=i))
            for i in range(proposals)])
        Comment.objects.bulk_create([
            Comment(process=process, proposal=rng.choice(made), author=rng.choice(people),
                    body="Bra förslag, jag håller med.", created_at=now - timedelta(minutes=i))
            for i in range(comments)])
        FeedbackItem.objects.bulk_create([
            FeedbackItem(process=process, office=process.office, title=p.title, said=p.body, proposal=p,
                         deadline=timezone.localdate() + timedelta(days=30),
                         **({"status": FeedbackItem.Status.GIVEN, "response": "Vi tar med det i beslutet.",
                             "given_at": now, "outcome": FeedbackItem.Outcome.PARTLY} if i % 2 else {}))
            for i, p in enumerate(made)])
    survey = surveys.fill(count=answers)
    with translation.override("sv"):
        return {"dialogue_process": process.get_absolute_url(),
                "survey_results": reverse("dialogue:survey_results", args=[survey.pk])}


def fill_ideas_and_partnerships(*, ideas: int = 2000, partnerships: int = 500, seed: int = 2027) -> dict[str, str]:
    """The coaches' board with `ideas` ideas spread over the process map's steps (a third in the
    queue), seen by a coach (the bench's visitor is made one), and the public list of
    `partnerships` partnerships with two parties each (issue 15: p95 under 150 ms)."""
    from samverka.actors.models import Actor
    from samverka.ideas.models import Coach, Idea, Step
    from samverka.municipality.models import Office
    from samverka.partnerships.models import Partnership, Party

    rng = random.Random(seed)
    visitor = get_user_model().objects.get(email=VISITOR)
    coaches = _users("bank-coach", 5, rng) + [visitor]
    offices = list(Office.objects.all())
    actors = list(Actor.objects.order_by("pk").values_list("pk", flat=True)[:500])
    now = timezone.now()
    with transaction.atomic():
        Idea.objects.filter(title__startswith="Bänkidé ").delete()
        Partnership.objects.filter(slug__startswith="bank-partnerskap-").delete()
        Coach.objects.bulk_create([Coach(user=u) for u in coaches], ignore_conflicts=True)
        steps = [s for s, _ in Step.choices]
        Idea.objects.bulk_create([
            Idea(title=f"Bänkidé {i + 1}: ett språkcafé till", what="Ett språkcafé en kväll i veckan.",
                 for_whom="Nyanlända och alla som vill prata svenska.", name="Ali Hassan",
                 email=f"bank-ide-{i}@example.org", step=rng.choice(steps),
                 coach=None if i % 3 == 0 else rng.choice(coaches),
                 step_since=now - timedelta(days=rng.randrange(200)), created_at=now - timedelta(days=rng.randrange(400)))
            for i in range(ideas)])
        made = Partnership.objects.bulk_create([
            Partnership(slug=f"bank-partnerskap-{i}", title=f"Läxhjälp {i + 1}", summary="Läxhjälp tillsammans.",
                        challenge="Många barn saknar hjälp med läxorna.", why_partnership="Ideella krafter.",
                        office=rng.choice(offices), starts_on=timezone.localdate() - timedelta(days=rng.randrange(700)),
                        status=Partnership.Status.ACTIVE, is_public=True)
            for i in range(partnerships)])
        Party.objects.bulk_create([Party(partnership=p, actor_id=a, role="Läxhjälpare")
                                   for p in made for a in rng.sample(actors, min(2, len(actors)))])
    with translation.override("sv"):
        return {"ideas_board": reverse("ideas:board"), "partnership_list": reverse("partnerships:index")}

"""The coordinator's side of a matching programme: running the engine, deciding on its
proposals, following and ending matches, pausing a participant, and the programme's rules
and coordinators. The participants' own actions (sign up, confirm, withdraw, answer a
follow-up) are in `services_participants.py`.

Every change checks its rule (PermissionDenied), raises ActionError for what the domain
forbids, records an audit event and queues its messages in the outbox in its transaction.

Running: a programme of up to INLINE_MAX waiting requests and offers is computed at once,
in the coordinator's request (well under a second: the engine solves a few hundred in
milliseconds); a larger one goes to the task worker (`tasks.compute_run`) and the
dashboard shows the run as going until it ends. What an alternative would cost the others
takes a new solve per alternative: a run reckons it for its best proposals within
PRICING_BUDGET, and the review page reckons the rest when the coordinator asks. Either way the proposals are written in
one transaction with the run's end, so a crash leaves none half-written; a run still
"going" after STALE_AFTER is marked failed, so the programme is never stuck."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from samverka.communication.services import queue_email, queue_sms
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.volunteers.models import Volunteer

from . import adapter, engine, services_participants
from .models import CheckIn, Coordinator, Match, Participant, Programme, Proposal, RemoteMatch, Run

log = logging.getLogger(__name__)

INLINE_MAX = 400  # waiting requests + offers computed in the request; more go to the worker
STALE_AFTER = timedelta(minutes=15)
ALTERNATIVES = 3
PRICING_BUDGET = 2.0  # seconds a run spends reckoning what alternatives cost the others


# ---------------------------------------------------------------- running the engine


def _started_text(run: Run) -> str:
    who = run.started_by.display_name if run.started_by else _("the system")
    when = formats.time_format(timezone.localtime(run.started_at), "H.i")
    return _("A run is already going, started by %(who)s at %(when)s. Wait until it is done.") % {
        "who": who, "when": when}


def fail_stale_runs(*, programme: Programme | None = None, now=None) -> int:
    """Runs still going after STALE_AFTER (the worker died mid-run) are marked failed."""
    now = now or timezone.now()
    runs = Run.objects.filter(status=Run.Status.RUNNING, started_at__lt=now - STALE_AFTER)
    if programme is not None:
        runs = runs.filter(programme=programme)
    return runs.update(status=Run.Status.FAILED, finished_at=now, error="Stopped: took too long or was interrupted.")


def run_programme(*, programme: Programme, by, inline: bool | None = None) -> Run:
    """Start a run of the engine over the programme. One at a time: a second one is
    refused with who started the first and when."""
    require_perm(by, "matching.coordinate_programme", programme)
    if programme.status == Programme.Status.CLOSED:
        raise ActionError(_("The programme is closed. Open it again to run it."))
    fail_stale_runs(programme=programme)
    try:
        with transaction.atomic():
            run = Run.objects.create(programme=programme, started_by=by if getattr(by, "is_authenticated", False)
                                     else None)
            audit.record(by=by, action="matching.run", target=programme)
    except IntegrityError:
        going = programme.runs.filter(status=Run.Status.RUNNING).select_related("started_by").first()
        if going is None:  # it ended in between: try once more is the coordinator's choice
            raise ActionError(_("Another run just ended. Look at its proposals, or run again.")) from None
        raise ActionError(_started_text(going)) from None
    if inline is None:
        size = programme.participants.filter(status__in=Participant.ACTIVE).count()
        inline = size <= INLINE_MAX
    if inline:
        compute_run(run_id=run.pk)
    else:
        from .tasks import compute_run as task

        transaction.on_commit(lambda: task.enqueue(run_id=run.pk))
    run.refresh_from_db()
    return run


def _locked_pairs(programme: Programme) -> list[tuple[int, int]]:
    return list(programme.proposals.filter(status=Proposal.Status.PROPOSED, locked=True,
                                           request__status=Participant.Status.WAITING,
                                           offer__status__in=Participant.ACTIVE)
                .values_list("request_id", "offer_id"))


def compute_run(*, run_id: int) -> None:
    """Solve the programme and write the run's proposals with its end, in one transaction.
    On any error the run is marked failed and nothing else is written."""
    run = Run.objects.select_related("programme").get(pk=run_id)
    if run.status != Run.Status.RUNNING:
        return
    started = time.perf_counter()
    try:
        with transaction.atomic():
            _compute(run, started)
    except Exception as error:
        log.exception("Matching run %s failed", run_id)
        Run.objects.filter(pk=run_id, status=Run.Status.RUNNING).update(
            status=Run.Status.FAILED, finished_at=timezone.now(), seconds=time.perf_counter() - started,
            error=str(error)[:300] or error.__class__.__name__)


def _local(alternatives: list[dict]) -> list[dict]:
    """Alternatives among this installation's offers (a partner's are proposed as pairs of their own)."""
    return [a for a in alternatives if a["offer"] > 0]


def _alternative(a: engine.Alternative) -> dict:
    return {"offer": a.offer, "score": round(a.score, 1), "others_lost": round(a.others_lost, 1),
            "unmatched": a.unmatched}


def _unpriced(pair: engine.Pair, request: engine.Party, offers: engine.Offers, rules: engine.Rules,
              load: dict[int, int], forbidden: list[tuple[int, int]]) -> list[dict]:
    """The next-best offers with room left, by score alone: what they would cost the others
    is reckoned when the coordinator asks (`price_alternatives`)."""
    found = engine.propose(request, offers, rules, load=load, limit=ALTERNATIVES + 1, forbidden=forbidden)
    return [{"offer": p.offer, "score": round(p.score, 1), "others_lost": None, "unmatched": None}
            for p in found if p.offer != pair.offer][:ALTERNATIVES]


def _compute(run: Run, started: float) -> None:
    programme = run.programme
    data = adapter.instance(programme, now=run.started_at)
    locked = _locked_pairs(programme)
    fixed = data.fixed + locked
    offers = engine.Offers(data.offers)
    result = engine.solve(data.requests, offers, data.rules, fixed=fixed, forbidden=data.forbidden)
    kept = {request_id for request_id, _ in data.fixed}
    locked_set = set(locked)
    new_pairs = sorted((p for p in result.pairs if p.request not in kept), key=lambda p: (-p.score, p.request))
    # Pairs with a partner municipality's offer: proposals of their own (RemoteMatch).
    remote_pairs = [p for p in new_pairs if p.offer < 0]
    new_pairs = [p for p in new_pairs if p.offer > 0]
    # Alternatives: with what each costs the others (the programme solved again with the pair
    # forced) for the best pairs, as long as PRICING_BUDGET lasts; by score alone for the
    # rest, priced when the coordinator asks.
    requests_by_id = {r.id: r for r in data.requests}
    load: dict[int, int] = {}
    for p in result.pairs:
        load[p.offer] = load.get(p.offer, 0) + 1
    budget_ends = time.perf_counter() + PRICING_BUDGET
    proposals = []
    for pair in new_pairs:
        if time.perf_counter() < budget_ends:
            alternatives = _local([_alternative(a) for a in engine.alternatives(
                pair.request, result, data.requests, offers, data.rules, limit=ALTERNATIVES, fixed=fixed,
                forbidden=data.forbidden)])
        else:
            alternatives = _local(_unpriced(pair, requests_by_id[pair.request], offers, data.rules, load,
                                            data.forbidden))
        proposals.append(Proposal(run=run, programme=programme, request_id=pair.request, offer_id=pair.offer,
                                  score=round(pair.score, 1), reasons=adapter.stored(pair.reasons),
                                  alternatives=alternatives, locked=(pair.request, pair.offer) in locked_set))
    # A run that was marked failed meanwhile (stale) writes nothing.
    if not Run.objects.select_for_update().filter(pk=run.pk, status=Run.Status.RUNNING).exists():
        return
    programme.proposals.filter(status=Proposal.Status.PROPOSED).update(status=Proposal.Status.SUPERSEDED)
    Proposal.objects.bulk_create(proposals, batch_size=500)
    programme.remote_matches.filter(status=RemoteMatch.Status.PROPOSED).delete()
    RemoteMatch.objects.bulk_create([RemoteMatch(
        programme=programme, partner=data.remote[p.offer].partner, direction=RemoteMatch.Direction.OUTGOING,
        status=RemoteMatch.Status.PROPOSED, request_id=p.request, remote_offer=data.remote[p.offer],
        offer_ref=data.remote[p.offer].remote_id, offer_name=str(data.remote[p.offer]), score=round(p.score, 1),
        reasons=adapter.stored(p.reasons)) for p in remote_pairs], batch_size=500)
    new_pairs = new_pairs + remote_pairs
    Run.objects.filter(pk=run.pk).update(
        status=Run.Status.DONE, finished_at=timezone.now(), matched=len(new_pairs), unmatched=len(result.blocked),
        total_score=round(sum(p.score for p in new_pairs), 1),
        blocked={str(k): v for k, v in result.blocked.items()}, seconds=time.perf_counter() - started)


@transaction.atomic
def price_alternatives(*, proposal: Proposal, by) -> Proposal:
    """Reckon what each alternative of an open proposal would cost the rest of the
    programme, as it stands now (the programme solved again with each pair forced)."""
    require_perm(by, "matching.coordinate_programme", proposal.programme)
    proposal = _open_proposal(proposal)
    data = adapter.instance(proposal.programme)
    fixed = data.fixed + _locked_pairs(proposal.programme)
    if proposal.request_id not in {r.id for r in data.requests}:
        raise ActionError(_("%(name)s is no longer waiting for a match.") % {"name": proposal.request.name})
    offers = engine.Offers(data.offers)
    result = engine.solve(data.requests, offers, data.rules, fixed=fixed, forbidden=data.forbidden)
    proposal.alternatives = _local([_alternative(a) for a in engine.alternatives(
        proposal.request_id, result, data.requests, offers, data.rules, limit=ALTERNATIVES, fixed=fixed,
        forbidden=data.forbidden)])
    proposal.save(update_fields=["alternatives"])
    return proposal


# ---------------------------------------------------------------- deciding on proposals


def _open_proposal(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().select_related("programme").get(pk=proposal.pk)
    if locked.status != Proposal.Status.PROPOSED:
        raise ActionError(_("This proposal has already been decided on, or a newer run replaced it."))
    return locked


def _lock_people(*ids: int) -> dict[int, Participant]:
    return {p.pk: p for p in Participant.objects.select_for_update().filter(pk__in=sorted(ids))}


def _check_pair(programme: Programme, request: Participant, offer: Participant) -> None:
    if programme.status == Programme.Status.CLOSED:
        raise ActionError(_("The programme is closed."))
    if request.status != Participant.Status.WAITING:
        if request.status in (Participant.Status.WITHDRAWN, Participant.Status.LEFT, Participant.Status.PAUSED):
            raise ActionError(_("%(name)s has withdrawn or paused since the proposal was made. "
                                "Run the programme again.") % {"name": request.name})
        raise ActionError(_("%(name)s is no longer waiting for a match.") % {"name": request.name})
    if offer.status not in Participant.ACTIVE or (
            offer.volunteer_id and offer.volunteer.status != Volunteer.Status.ACTIVE):
        raise ActionError(_("%(name)s has withdrawn or paused since the proposal was made. "
                            "Choose someone else or run the programme again.") % {"name": offer.name})
    taken = Match.objects.current().filter(offer=offer).count()
    if taken >= offer.capacity:
        raise ActionError(_("%(name)s already has %(count)s matches, as many as they take.") % {
            "name": offer.name, "count": taken})


def _link(path: str, language: str) -> str:
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return f"{settings.SITE_URL}{prefix}{path}"


def confirm_link(token: str, language: str) -> str:
    return _link(f"/matchning/bekrafta/{token}/", language)


def follow_up_link(token: str, language: str) -> str:
    return _link(f"/matchning/uppfoljning/{token}/", language)


def _tell(participant: Participant, *, key: str, template: str, context: dict, sms: str) -> None:
    """A message to a participant in their language: e-mail when they gave an address,
    else SMS."""
    language = participant.language or settings.LANGUAGE_CODE
    with translation.override(language):
        if participant.email:
            queue_email(to=participant.email, template=template, key=key, language=language,
                        context={"name": participant.name.split()[0] if participant.name.split() else "",
                                 **context})
        elif participant.phone:
            queue_sms(to=participant.phone, key=key, body=sms % context)


def _ask_to_confirm(match: Match) -> None:
    programme = match.programme
    for participant, token in ((match.request, match.request_token), (match.offer, match.offer_token)):
        with translation.override(participant.language or settings.LANGUAGE_CODE):
            link = confirm_link(token, translation.get_language())
            _tell(participant, key=f"matching-match-{match.pk}-confirm-{participant.side}",
                  template="matching/email/confirm", context={"programme": programme.name, "link": link},
                  sms=_("Samverka: %(programme)s has found a match for you. Say yes or no here: %(link)s"))


@transaction.atomic
def accept(*, proposal: Proposal, by) -> Match:
    """The coordinator accepts a proposed pair: a match awaiting both sides' confirmation,
    and a message to each with their link."""
    require_perm(by, "matching.coordinate_programme", proposal.programme)
    proposal = _open_proposal(proposal)
    people = _lock_people(proposal.request_id, proposal.offer_id)
    request, offer = people[proposal.request_id], people[proposal.offer_id]
    _check_pair(proposal.programme, request, offer)
    now = timezone.now()
    match = Match.objects.create(programme=proposal.programme, request=request, offer=offer, proposal=proposal,
                                 created_by=by)
    proposal.status, proposal.decided_by, proposal.decided_at = Proposal.Status.ACCEPTED, by, now
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    request.status = Participant.Status.MATCHED
    request.save(update_fields=["status", "updated_at"])
    if Match.objects.current().filter(offer=offer).count() >= offer.capacity:
        offer.status = Participant.Status.MATCHED
        offer.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="matching.accept", target=match,
                 changes={"request": request.name, "offer": offer.name, "score": proposal.score})
    match.request, match.offer = request, offer
    _ask_to_confirm(match)
    return match


@transaction.atomic
def reject(*, proposal: Proposal, by) -> Proposal:
    require_perm(by, "matching.coordinate_programme", proposal.programme)
    proposal = _open_proposal(proposal)
    proposal.status, proposal.decided_by, proposal.decided_at = Proposal.Status.REJECTED, by, timezone.now()
    proposal.locked = False
    proposal.save(update_fields=["status", "decided_by", "decided_at", "locked"])
    audit.record(by=by, action="matching.reject", target=proposal)
    return proposal


@transaction.atomic
def swap(*, proposal: Proposal, offer_id: int, by) -> Proposal:
    """Choose one of the proposal's alternatives instead: a new proposal for the same
    request with that offer, for the coordinator to accept; the old one is rejected."""
    require_perm(by, "matching.coordinate_programme", proposal.programme)
    proposal = _open_proposal(proposal)
    chosen = next((a for a in proposal.alternatives if a.get("offer") == offer_id), None)
    if chosen is None:
        raise ActionError(_("Choose one of the alternatives shown."))
    people = _lock_people(proposal.request_id, offer_id)
    request, offer = people[proposal.request_id], people.get(offer_id)
    if offer is None or offer.programme_id != proposal.programme_id:
        raise ActionError(_("Choose one of the alternatives shown."))
    _check_pair(proposal.programme, request, offer)
    pair = adapter.pair_score(proposal.programme, request, offer)
    if pair is None:
        raise ActionError(_("%(name)s no longer fits this request. Run the programme again.") % {"name": offer.name})
    now = timezone.now()
    proposal.status, proposal.decided_by, proposal.decided_at = Proposal.Status.REJECTED, by, now
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    others = [a for a in proposal.alternatives if a.get("offer") != offer_id]
    new = Proposal.objects.create(run=proposal.run, programme=proposal.programme, request=request, offer=offer,
                                  score=round(pair.score, 1), reasons=adapter.stored(pair.reasons),
                                  alternatives=others, locked=proposal.locked)
    audit.record(by=by, action="matching.swap", target=new,
                 changes={"offer": [proposal.offer.name if proposal.offer_id else "", offer.name]})
    return new


@transaction.atomic
def set_locked(*, proposal: Proposal, locked: bool, by) -> Proposal:
    """Keep a proposed pair in the next run (or let the next run decide again)."""
    require_perm(by, "matching.coordinate_programme", proposal.programme)
    proposal = _open_proposal(proposal)
    if proposal.locked != locked:
        proposal.locked = locked
        proposal.save(update_fields=["locked"])
        audit.record(by=by, action="matching.lock" if locked else "matching.unlock", target=proposal)
    return proposal


def lock(*, proposal: Proposal, by) -> Proposal:
    return set_locked(proposal=proposal, locked=True, by=by)


def unlock(*, proposal: Proposal, by) -> Proposal:
    return set_locked(proposal=proposal, locked=False, by=by)


# ---------------------------------------------------------------- following matches


def _free_offer(offer: Participant) -> None:
    if offer.status == Participant.Status.MATCHED and (
            Match.objects.current().filter(offer=offer).count() < offer.capacity):
        offer.status = Participant.Status.WAITING
        offer.save(update_fields=["status", "updated_at"])


def _end(match: Match, *, reason: str, note: str, by, requeue: bool, record: bool = True) -> None:
    now = timezone.now()
    match.status, match.end_reason, match.end_note, match.ended_at = Match.Status.ENDED, reason, note[:500], now
    match.next_check_in_on = None
    match.save(update_fields=["status", "end_reason", "end_note", "ended_at", "next_check_in_on"])
    people = _lock_people(match.request_id, match.offer_id)
    request, offer = people[match.request_id], people[match.offer_id]
    if request.status == Participant.Status.MATCHED:
        if requeue:
            request.status = Participant.Status.WAITING
        else:
            request.status, request.left_at = Participant.Status.LEFT, now
            request.leave_reason = request.leave_reason or str(Match.EndReason(reason).label)
        request.save(update_fields=["status", "left_at", "leave_reason", "updated_at"])
    _free_offer(offer)
    if record:  # an erasure records no names: it records itself, without them
        audit.record(by=by, action="matching.end", target=match, changes={"reason": reason, "note": note})


@transaction.atomic
def end_match(*, match: Match, reason: str, note: str = "", by) -> Match:
    """End a match with a reason. The asking side goes back to the waiting list, unless
    what was asked is given (or they left); the giving side takes someone new."""
    require_perm(by, "matching.coordinate_programme", match.programme)
    match = Match.objects.select_for_update().select_related("programme").get(pk=match.pk)
    if match.status not in Match.CURRENT:
        raise ActionError(_("This match has already ended."))
    if reason not in Match.EndReason.values:
        raise ActionError(_("Choose why the match ends."))
    _end(match, reason=reason, note=note, by=by,
         requeue=reason not in (Match.EndReason.COMPLETED, Match.EndReason.WITHDREW))
    return match


@transaction.atomic
def record_check_in(*, match: Match, answer: str, note: str = "", by) -> CheckIn:
    """The coordinator's own follow-up (a call, a visit): what they heard, and the next one."""
    require_perm(by, "matching.coordinate_programme", match.programme)
    if match.status not in Match.CURRENT:
        raise ActionError(_("This match has ended."))
    if answer not in CheckIn.Answer.values:
        raise ActionError(_("Choose how it is going."))
    now = timezone.now()
    today = timezone.localdate(now)
    check_in = CheckIn.objects.create(match=match, due_on=today, answer=answer, note=note, answered_at=now,
                                      answered_by=by)
    match.next_check_in_on = today + timedelta(days=match.programme.check_in_days)
    match.save(update_fields=["next_check_in_on"])
    audit.record(by=by, action="matching.check_in", target=match, changes={"answer": answer})
    return check_in


@transaction.atomic
def pause_participant(*, participant: Participant, by, note: str = "") -> Participant:
    """Pause someone: they get no new proposals. Their current matches end ("no time any
    more"); the asking side of each goes back to the waiting list, first in line as before."""
    require_perm(by, "matching.coordinate_programme", participant.programme)
    participant = _lock_people(participant.pk)[participant.pk]
    if participant.status not in (*Participant.ACTIVE, Participant.Status.UNCONFIRMED):
        raise ActionError(_("%(name)s is not taking part now.") % {"name": participant.name})
    matches = list(Match.objects.current().filter(Q(request=participant) | Q(offer=participant))
                   .select_related("programme"))
    participant.status = Participant.Status.PAUSED
    participant.save(update_fields=["status", "updated_at"])
    for match in matches:
        _end(match, reason=Match.EndReason.NO_TIME, note=note or _("Paused by the coordinator."), by=by, requeue=True)
        if match.request_id == participant.pk:
            Participant.objects.filter(pk=participant.pk).update(status=Participant.Status.PAUSED)
    participant.refresh_from_db()
    programme_open = participant.programme.proposals.filter(status=Proposal.Status.PROPOSED)
    programme_open.filter(Q(request=participant) | Q(offer=participant)).update(status=Proposal.Status.SUPERSEDED)
    audit.record(by=by, action="matching.pause", target=participant, changes={"ended_matches": len(matches)})
    return participant


@transaction.atomic
def resume_participant(*, participant: Participant, by) -> Participant:
    require_perm(by, "matching.coordinate_programme", participant.programme)
    if participant.status != Participant.Status.PAUSED:
        raise ActionError(_("%(name)s is not paused.") % {"name": participant.name})
    participant.status = Participant.Status.WAITING
    participant.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="matching.resume", target=participant)
    return participant


def record_view(*, by, participant: Participant) -> None:
    """A coordinator opened a participant's page: the privacy log keeps who and when."""
    audit.record(by=by, action="matching.participant_view", target=participant)


# ---------------------------------------------------------------- the programme


@transaction.atomic
def add_coordinator(*, programme: Programme, user, by) -> Coordinator:
    require_perm(by, "matching.change_programme", programme)
    if not user.is_active:
        raise ActionError(_("This account is not active."))
    role, created = Coordinator.objects.get_or_create(programme=programme, user=user, defaults={"added_by": by})
    if not created:
        raise ActionError(_("%(name)s already coordinates this programme.") % {"name": user.display_name})
    audit.record(by=by, action="matching.add_coordinator", target=programme, changes={"coordinator": user.display_name})
    return role


@transaction.atomic
def remove_coordinator(*, programme: Programme, user, by) -> None:
    require_perm(by, "matching.change_programme", programme)
    deleted, _count = Coordinator.objects.filter(programme=programme, user=user).delete()
    if not deleted:
        raise ActionError(_("%(name)s does not coordinate this programme.") % {"name": user.display_name})
    audit.record(by=by, action="matching.remove_coordinator", target=programme,
                 changes={"coordinator": user.display_name})


@transaction.atomic
def save_programme(*, programme: Programme, by, related: dict | None = None) -> Programme:
    """Create or change a programme (the administration): its texts, status and rules, and
    `related`, its many-to-many fields to set ({"sdg_goals": goals}), each change noted. The
    public pages show it, so their stamp is renewed."""
    adding = programme._state.adding or programme.pk is None
    if adding:
        require_perm(by, "matching.create_programme")
    else:
        require_perm(by, "matching.change_programme", Programme.objects.get(pk=programme.pk))
    changes = {} if adding else audit.diff(Programme.objects.get(pk=programme.pk), {
        f.name: getattr(programme, f.name) for f in Programme._meta.concrete_fields if f.name != "updated_at"})
    programme.save()
    if related:
        audit.set_related(programme, related, changes)
    if adding or changes:
        audit.record(by=by, action="matching.add_programme" if adding else "matching.change_programme",
                     target=programme, changes=changes)
    versions.renew("matching")
    return programme


@transaction.atomic
def save_choices(*, programme: Programme, choices, deleted, by) -> None:
    """A programme's own words for what is asked, given and shared: new or changed ones
    saved, `deleted` ones removed."""
    require_perm(by, "matching.change_programme", programme)
    for choice in choices:
        choice.programme = programme
        choice.save()
    for choice in deleted:
        choice.delete()
    if choices or deleted:
        audit.record(by=by, action="matching.change_choices", target=programme,
                     changes={"saved": [c.name for c in choices], "deleted": [c.name for c in deleted]})
        versions.renew("matching")


RULE_FIELDS = ("radius_km", "same_zone", "language_required", "availability_required", "required_check",
               "min_age", "max_age", "default_capacity", "trial_days", "check_in_days", "weights")
RULE_M2M = ("sdg_goals",)  # the Agenda 2030 goals the programme works towards, set on the same page


@transaction.atomic
def update_programme_rules(*, programme: Programme, data: dict, by) -> Programme:
    """The hard constraints and the weights of the soft criteria (the next run uses them), and
    the programme's Agenda 2030 goals (its page and the goals' pages show them)."""
    require_perm(by, "matching.coordinate_programme", programme)
    values = {name: data[name] for name in RULE_FIELDS if name in data}
    changes = audit.diff(programme, values)
    if changes:
        for name, value in values.items():
            setattr(programme, name, value)
        programme.save(update_fields=[*values, "updated_at"])
    audit.set_related(programme, {name: data[name] for name in RULE_M2M if name in data}, changes)
    if changes:
        audit.record(by=by, action="matching.update_rules", target=programme, changes=changes)
        versions.renew("matching")
    return programme


# ---------------------------------------------------------------- the daily follow-ups

REMIND_AFTER = timedelta(days=7)


def send_follow_ups(*, now=None) -> dict[str, int]:
    """The daily job: for each active match whose follow-up is due, a follow-up row and
    "how is it going?" to both sides (each at most once per due date), the next one
    planned; the coordinators of a programme get one reminder of follow-ups left a week
    without an answer; runs left going by a crash are marked failed; sign-ups nobody
    confirmed within a day are forgotten."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    due = (Match.objects.filter(status=Match.Status.ACTIVE, next_check_in_on__lte=today)
           .select_related("programme", "request", "offer"))
    for match in due:
        with transaction.atomic():
            if not Match.objects.filter(pk=match.pk, status=Match.Status.ACTIVE,
                                        next_check_in_on=match.next_check_in_on).update(
                    next_check_in_on=today + timedelta(days=match.programme.check_in_days)):
                continue  # another run of the job took it
            if match.check_ins.filter(due_on=match.next_check_in_on).exists():
                continue  # sent already, or answered today by a participant unasked
            check_in = CheckIn.objects.create(match=match, due_on=match.next_check_in_on, sent_at=now)
            for participant, token in ((match.request, match.request_token), (match.offer, match.offer_token)):
                with translation.override(participant.language or settings.LANGUAGE_CODE):
                    _tell(participant, key=f"matching-check-in-{check_in.pk}-{participant.side}",
                          template="matching/email/follow_up",
                          context={"programme": match.programme.name,
                                   "link": follow_up_link(token, translation.get_language())},
                          sms=_("Samverka: how is it going with your match in %(programme)s? Answer here: %(link)s"))
            audit.record(by=None, action="matching.follow_up", target=match)
            sent += 1
    reminded = _remind_coordinators(now)
    failed = fail_stale_runs(now=now)
    ended = end_matches_of_paused_volunteers()
    forgotten = services_participants.forget_unconfirmed_participants(now=now)
    return {"follow_ups": sent, "reminders": reminded, "failed_runs": failed, "ended": ended,
            "unconfirmed_forgotten": forgotten}


def end_matches_of_paused_volunteers() -> int:
    """A volunteer who paused or left in the volunteer pool (their own profile) no longer
    gives here: their current matches end ("no time any more") and those they were matched
    with go back to the waiting list, keeping their place. The coordinators see it on the
    match's page."""
    ended = 0
    stopped = (Match.objects.current().filter(offer__volunteer__isnull=False)
               .exclude(offer__volunteer__status=Volunteer.Status.ACTIVE).select_related("programme"))
    for match in stopped:
        with transaction.atomic():
            match = Match.objects.select_for_update().get(pk=match.pk)
            if match.status not in Match.CURRENT:
                continue
            _end(match, reason=Match.EndReason.NO_TIME, by=None, requeue=True,
                 note=_("The volunteer paused or left the volunteer pool."))
            ended += 1
    return ended


def _remind_coordinators(now) -> int:
    late = CheckIn.objects.filter(sent_at__lte=now - REMIND_AFTER, answered_at__isnull=True, reminded_at__isnull=True,
                                  match__status=Match.Status.ACTIVE)
    programmes = Programme.objects.filter(matches__check_ins__in=late).distinct().prefetch_related(
        "coordinator_roles__user")
    reminded = 0
    for programme in programmes:
        with transaction.atomic():
            count = late.filter(match__programme=programme).update(reminded_at=now)
            if not count:
                continue
            link = f"{settings.SITE_URL}/matchning/{programme.slug}/samordna/"
            for role in programme.coordinator_roles.all():
                user = role.user
                if not user.is_active or not user.email:
                    continue
                queue_email(to=user.email, template="matching/email/reminder",
                            key=f"matching-reminder-{programme.pk}-{user.pk}-{now:%Y-%m-%d}",
                            context={"name": user.first_name or user.display_name, "programme": programme.name,
                                     "count": count, "link": link})
            reminded += count
    return reminded

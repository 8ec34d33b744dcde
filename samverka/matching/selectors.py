"""Reads for the coordinator's pages. Each returns what its template shows in a fixed number
of queries, however many participants the programme has."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import adapter
from .models import CheckIn, Match, Participant, Programme, Proposal, Run

LISTED = 10
PAGE_SIZE = 50
REVIEW_PAGE_SIZE = 25  # each proposal is a card with its reasons, alternatives and buttons


def last_run(programme: Programme) -> Run | None:
    return programme.runs.select_related("started_by").first()


def last_done_run(programme: Programme) -> Run | None:
    return programme.runs.filter(status=Run.Status.DONE).first()


def counts(programme: Programme) -> dict[str, int]:
    today = timezone.localdate()
    people = programme.participants.aggregate(
        waiting_requests=Count("pk", filter=Q(side=Participant.Side.REQUEST, status=Participant.Status.WAITING)),
        waiting_offers=Count("pk", filter=Q(side=Participant.Side.OFFER, status=Participant.Status.WAITING)),
        matched=Count("pk", filter=Q(status=Participant.Status.MATCHED)),
        unconfirmed=Count("pk", filter=Q(status=Participant.Status.UNCONFIRMED)),
    )
    matches = programme.matches.aggregate(
        awaiting=Count("pk", filter=Q(status=Match.Status.AWAITING)),
        active=Count("pk", filter=Q(status=Match.Status.ACTIVE)),
        follow_ups_due=Count("pk", filter=Q(status=Match.Status.ACTIVE, next_check_in_on__lte=today)),
    )
    proposals = programme.proposals.filter(status=Proposal.Status.PROPOSED).count()
    return {**people, **matches, "proposals": proposals}


@dataclass
class Waiting:
    participant: Participant
    days: int
    reason: str
    placed: bool


def waiting_list(programme: Programme, *, limit: int | None = None, page: str | int | None = None):
    """Requests waiting for a match, longest-waiting first (urgent ones first of all), each
    with why the last run found nobody for them. With `page`: a Paginator page of Waiting."""
    run = last_done_run(programme)
    blocked = run.blocked if run else {}
    queryset = (programme.participants.requests().waiting().select_related("district")
                .order_by("-urgent", "joined_at", "pk"))
    now = timezone.now()
    proposed = set(programme.proposals.filter(status=Proposal.Status.PROPOSED).values_list("request_id", flat=True))

    def wrap(p: Participant) -> Waiting:
        code = blocked.get(str(p.pk)) if run and p.joined_at <= run.started_at else None
        if p.pk in proposed:
            reason = _("A match is proposed: decide on it among the proposals.")
        else:
            reason = adapter.blocking_reason(code)
        placed = (p.latitude is not None and p.longitude is not None) or (
            p.district is not None and p.district.latitude is not None)
        return Waiting(p, (now - p.joined_at).days, reason, placed)

    if page is not None:
        paged = Paginator(queryset, PAGE_SIZE).get_page(page)
        paged.object_list = [wrap(p) for p in paged.object_list]
        return paged
    rows = queryset[:limit] if limit else queryset
    return [wrap(p) for p in rows]


@dataclass
class AlternativeRow:
    offer: Participant
    score: float
    others_lost: float | None  # None: not reckoned yet
    unmatched: int | None

    @property
    def priced(self) -> bool:
        return self.others_lost is not None

    # The words of the review page's list of alternatives, as its template would write them (a
    # blocktranslate's translation as it is, its figures escaped): one value for each line of the
    # list instead of a tag, a filter and a condition each (60 alternatives on a page).
    @property
    def fits(self) -> str:
        return mark_safe(_("fits %(score)s of 100") % {"score": floatformat(self.score, 0)})  # nosec: B308, B703  # figures escaped

    @property
    def cost(self) -> str:
        """What choosing it costs the others."""
        if not self.priced:
            return _("what it costs the others is not reckoned yet")
        if self.unmatched:
            return mark_safe(ngettext("%(count)s other would be left without a match",  # nosec: B308, B703  # figures escaped
                                      "%(count)s others would be left without a match",
                                      self.unmatched) % {"count": conditional_escape(self.unmatched)})
        if self.others_lost > 0:
            return mark_safe(_("the others would fit %(lost)s points worse") % {  # nosec: B308, B703  # figures escaped
                "lost": floatformat(self.others_lost, 0)})
        return _("costs the others nothing")


@dataclass
class ProposalRow:
    proposal: Proposal
    sentences: list[str]
    alternatives: list[AlternativeRow] = field(default_factory=list)
    priced: bool = True

    # The card's words with figures, as the template's blocktranslate would write them (see
    # AlternativeRow): one value each instead of a tag and a filter for every card.
    @property
    def fits(self) -> str:
        return mark_safe(_("Fits %(score)s of 100") % {"score": floatformat(self.proposal.score, 0)})  # nosec: B308, B703  # figures escaped

    @property
    def alternatives_for(self) -> str:
        count = len(self.alternatives)
        return mark_safe(ngettext("%(count)s alternative for %(name)s", "%(count)s alternatives for %(name)s", count)  # nosec: B308, B703  # figures escaped
                         % {"count": count, "name": conditional_escape(self.proposal.request.name)})


# What a proposal's card shows of a participant: the name and the part of the municipality.
_PERSON_ON_CARD = ("name", "district__name", "district__name_en", "district__name_ar")


def _people_with_district(ids) -> dict[int, Participant]:
    return {p.pk: p for p in Participant.objects.filter(pk__in=ids).select_related("district")
            .only(*_PERSON_ON_CARD)} if ids else {}


def proposal_rows(proposals: list[Proposal]) -> list[ProposalRow]:
    """Proposals with their reasons in words and their alternatives (three queries)."""
    names = adapter.Names.for_reasons(p.reasons for p in proposals)
    offers = _people_with_district({a.get("offer") for p in proposals for a in p.alternatives})
    rows = []
    for proposal in proposals:
        alternatives = [AlternativeRow(offers[a["offer"]], a.get("score", 0), a.get("others_lost"),
                                       a.get("unmatched"))
                        for a in proposal.alternatives if a.get("offer") in offers]
        rows.append(ProposalRow(proposal, adapter.sentences(proposal.reasons, names), alternatives,
                                all(a.priced for a in alternatives)))
    return rows


def open_proposals(programme: Programme, *, page: str | int | None = 1):
    """A page of the open proposals, best first, with both participants, their reasons and
    their alternatives."""
    queryset = (programme.proposals.filter(status=Proposal.Status.PROPOSED)
                .select_related("request__district", "offer__district").order_by("-score", "pk")
                .only("score", "locked", "reasons", "alternatives",
                      *(f"{side}__{name}" for side in ("request", "offer") for name in _PERSON_ON_CARD)))
    paged = Paginator(queryset, REVIEW_PAGE_SIZE).get_page(page)
    paged.object_list = proposal_rows(list(paged.object_list))
    return paged


def current_matches(programme: Programme, *, limit: int | None = LISTED) -> list[Match]:
    """Matches awaiting confirmation or active, those with a follow-up due first."""
    today = timezone.localdate()
    queryset = (programme.matches.current().select_related("request", "offer")
                .annotate(unanswered=Count("check_ins", filter=Q(check_ins__answered_at__isnull=True,
                                                                  check_ins__sent_at__isnull=False)))
                .order_by("next_check_in_on", "-created_at"))
    rows = list(queryset[:limit] if limit else queryset)
    for m in rows:
        m.follow_up_due = bool(m.next_check_in_on and m.next_check_in_on <= today)
    return rows


def match_detail(match: Match) -> dict:
    check_ins = list(match.check_ins.select_related("answered_by").order_by("-due_on", "-pk"))
    names = adapter.Names.for_reasons([match.proposal.reasons] if match.proposal else [])
    return {"check_ins": check_ins,
            "sentences": adapter.sentences(match.proposal.reasons, names) if match.proposal else []}


def participant_detail(participant: Participant) -> dict:
    matches = list(Match.objects.filter(Q(request=participant) | Q(offer=participant))
                   .select_related("request", "offer").order_by("-created_at"))
    return {"matches": matches, "check_valid_until": adapter.check_valid_until(participant.check_seen_on)}


def dashboard(programme: Programme, *, people: bool = True) -> dict:
    """The dashboard's figures; with `people`, the longest waiting and the matches to follow
    (names: for the programme's coordinators only)."""
    return {
        "counts": counts(programme),
        "run": last_run(programme),
        "waiting": waiting_list(programme, limit=LISTED) if people else [],
        "matches": current_matches(programme) if people else [],
        "check_ins_unanswered": CheckIn.objects.filter(match__programme=programme, sent_at__isnull=False,
                                                       answered_at__isnull=True,
                                                       match__status=Match.Status.ACTIVE).count(),
    }


def _count(queryset):
    return Subquery(queryset.order_by().values("programme").annotate(n=Count("pk")).values("n")[:1],
                    output_field=IntegerField())


def coordinated_programmes(user) -> list[Programme]:
    """The programmes `user` coordinates, for My pages: how many wait, how many proposals
    wait for a decision and how many follow-ups are due (one query)."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    return list(Programme.objects.coordinated_by(user).annotate(
        waiting=Coalesce(_count(Participant.objects.filter(programme=OuterRef("pk"), side=Participant.Side.REQUEST,
                                                           status=Participant.Status.WAITING)), 0),
        open_proposals=Coalesce(_count(Proposal.objects.filter(programme=OuterRef("pk"),
                                                               status=Proposal.Status.PROPOSED)), 0),
        follow_ups_due=Coalesce(_count(Match.objects.filter(programme=OuterRef("pk"), status=Match.Status.ACTIVE,
                                                            next_check_in_on__lte=today)), 0),
    ).order_by("name"))

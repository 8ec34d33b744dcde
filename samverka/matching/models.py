"""Matching programmes (matchning): the befriending service, friend families, association
matching, language friends and re-use. Each programme has two sides, people who ask
(requests) and people or things that give (offers); its coordinators run the engine
(`engine.py`), review its proposals and follow the matches they accept."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.accounts.ages import AgeRange
from samverka.municipality.models import Translated


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ProgrammeQuerySet(models.QuerySet):
    def public(self) -> ProgrammeQuerySet:
        """Shown to everyone: open for sign-ups or paused (its page says so)."""
        return self.filter(status__in=(Programme.Status.OPEN, Programme.Status.PAUSED))

    def coordinated_by(self, user) -> ProgrammeQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user)


class Programme(AgeRange):
    class Kind(models.TextChoices):
        BEFRIENDING = "befriending", _("Befriending service")
        FRIEND_FAMILY = "friend_family", _("Friend families")
        ASSOCIATION = "association", _("Association matching")
        LANGUAGE_FRIEND = "language_friend", _("Language friends")
        REUSE = "reuse", _("Re-use")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for sign-ups")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    class Check(models.TextChoices):
        NONE = "", _("None")
        RECORD_EXTRACT = "record_extract", _("Criminal-record extract")

    kind = models.CharField(_("kind of programme"), max_length=20, choices=Kind.choices)
    office = models.ForeignKey("municipality.Office", verbose_name=_("office"), on_delete=models.PROTECT,
                               related_name="matching_programmes")
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    summary = models.CharField(_("in one sentence"), max_length=200)
    description = models.TextField(_("about the programme"), max_length=5000, blank=True)
    sdg_goals = models.ManyToManyField("municipality.SdgGoal", verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="matching_programmes")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The two sides, in the programme's own words ("Jag vill ha sällskap" / "Jag vill bli besöksvän").
    request_label = models.CharField(_("the asking side, as a call"), max_length=100)
    request_intro = models.TextField(_("text for the asking side"), max_length=2000, blank=True)
    offer_label = models.CharField(_("the giving side, as a call"), max_length=100)
    offer_intro = models.TextField(_("text for the giving side"), max_length=2000, blank=True)
    coordinators = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Coordinator",
                                          through_fields=("programme", "user"), related_name="coordinated_programmes",
                                          verbose_name=_("coordinators"))
    # Rules: the hard constraints and the soft criteria's weights (engine.Rules, engine.Weights).
    radius_km = models.PositiveSmallIntegerField(_("farthest distance (km)"), default=15)
    same_zone = models.BooleanField(_("pairs stay within one island group"), default=True)
    language_required = models.BooleanField(_("a pair must share a language"), default=False)
    availability_required = models.BooleanField(_("a pair must share a time of the week"), default=False)
    required_check = models.CharField(_("check required of the giving side"), max_length=20, choices=Check.choices,
                                      default=Check.NONE, blank=True)
    default_capacity = models.PositiveSmallIntegerField(_("matches a giver takes at most"), default=1)
    weights = models.JSONField(_("weights of the criteria"), default=dict, blank=True,
                               help_text=_("Criteria left out weigh 1."))
    trial_days = models.PositiveSmallIntegerField(_("trial period (days)"), default=60)
    check_in_days = models.PositiveSmallIntegerField(_("days between follow-ups"), default=30)
    retention_days = models.PositiveSmallIntegerField(_("days data are kept after a participant leaves"), default=90)
    # Shared regionally: published in the signed feed under `regional_code` (the same code at
    # every installation running the programme together) and matched against the partners'.
    shared_regionally = models.BooleanField(_("shared with neighbouring municipalities"), default=False)
    regional_code = models.SlugField(_("the programme's code in the region"), max_length=60, blank=True,
                                     help_text=_("The same code at every municipality that runs the programme "
                                                 "together, e.g. vida-stockholm-nordvast."))
    partners = models.ManyToManyField("RegionalPartner", verbose_name=_("partner municipalities"), blank=True,
                                      related_name="programmes")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("matching programme")
        verbose_name_plural = _("matching programmes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("matching:programme", args=[self.slug])

    @property
    def asks_record_extract(self) -> bool:
        return self.required_check == self.Check.RECORD_EXTRACT

    @property
    def offer_accepts_minors(self) -> bool:
        """The giving side: never minors where a criminal-record extract is asked."""
        return self.accepts_minors and not self.asks_record_extract


class Coordinator(models.Model):
    """A coordinator's role in one programme: they see its participants and run it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="coordinator_roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_roles")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "user"], name="matching_one_role_per_user")]
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self) -> str:
        return f"{self.user} – {self.programme}"


class Choice(Translated):
    """A programme's own words for what is asked and given (company, an escort, reading
    aloud, a sofa, a bed) and for what people share (interests, work background)."""

    class Group(models.TextChoices):
        KIND = "kind", _("What is asked and given")
        INTEREST = "interest", _("Interest or background")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="choices")
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["group", "position", "name"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")


class ParticipantQuerySet(models.QuerySet):
    def waiting(self) -> ParticipantQuerySet:
        return self.filter(status=Participant.Status.WAITING)

    def requests(self) -> ParticipantQuerySet:
        return self.filter(side=Participant.Side.REQUEST)

    def offers(self) -> ParticipantQuerySet:
        return self.filter(side=Participant.Side.OFFER)


class Participant(models.Model):
    """One person, family, association or donation taking part on one side of a programme."""

    class Side(models.TextChoices):
        REQUEST = "request", _("Asks")
        OFFER = "offer", _("Gives")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Has not confirmed the e-mail address")
        WAITING = "waiting", _("Waiting for a match")
        MATCHED = "matched", _("Matched")
        PAUSED = "paused", _("Paused")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LEFT = "left", _("Left the programme")

    ACTIVE = (Status.WAITING, Status.MATCHED)

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="participants")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED)
    # Who it is: a person with or without an account, a volunteer of the pool, an association.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="matching_participations")
    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="matching_participations")
    actor = models.ForeignKey("actors.Actor", verbose_name=_("association"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="matching_participations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True, help_text=_("Stored as +46…"))
    language = models.CharField(_("language for messages"), max_length=10, default="sv")
    # Where: the part of the municipality (its centre), or a point the coordinator set.
    district = models.ForeignKey("municipality.District", verbose_name=_("part of the municipality"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    max_km = models.PositiveSmallIntegerField(_("farthest I can travel (km)"), null=True, blank=True)
    household = models.CharField(_("household"), max_length=60, blank=True,
                                 help_text=_("The same word for people of one household: they are never paired."))
    # What: asked or given, shared, refused, when.
    kinds = models.ManyToManyField(Choice, verbose_name=_("what I ask for or give"), blank=True, related_name="+")
    refuses = models.ManyToManyField(Choice, verbose_name=_("what I will not do"), blank=True, related_name="+")
    interests = models.ManyToManyField(Choice, verbose_name=_("interests"), blank=True, related_name="+")
    languages = models.ManyToManyField("municipality.Language", verbose_name=_("languages"), blank=True,
                                       related_name="+")
    availability = models.PositiveIntegerField(_("when"), default=0, help_text=_("The times of the week, kept as in a volunteer profile."))
    capacity = models.PositiveSmallIntegerField(_("matches at most"), default=1)
    details = models.JSONField(_("details"), default=dict, blank=True,
                               help_text=_("What the programme asks besides: children's ages, items and quantities, "
                                           "pick-up dates."))
    about = models.TextField(_("about me, for the one I am matched with"), max_length=2000, blank=True)
    sensitive = models.TextField(_("for the coordinators only"), max_length=2000, blank=True,
                                 help_text=_("Family situation, health: only the programme's coordinators see it."))
    check_seen_on = models.DateField(_("required check seen on"), null=True, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token)  # the private link
    joined_at = models.DateTimeField(_("waiting since"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    leave_reason = models.CharField(_("why they left"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "pk"]
        indexes = [models.Index(fields=["programme", "side", "status", "joined_at"], name="matching_part_waiting")]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class Run(models.Model):
    """One run of the engine over a programme. One at a time per programme (a constraint);
    its proposals are written in one transaction with its end, so a crash leaves none."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    matched = models.PositiveIntegerField(default=0)
    unmatched = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0)
    blocked = models.JSONField(default=dict, blank=True)  # participant id -> engine blocking code
    seconds = models.FloatField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["programme"], condition=Q(status="running"),
                                               name="matching_one_run_at_a_time")]

    def __str__(self) -> str:
        return f"{self.programme} {self.started_at:%Y-%m-%d %H:%M}"


class Proposal(models.Model):
    """A pair the engine proposes, for a coordinator to accept, reject or swap."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        SUPERSEDED = "superseded", _("Replaced by a newer run")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="proposals")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="proposals")
    request = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="proposals_asked")
    offer = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="proposals_given")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    # Kept by the coordinator while they decide: the next run keeps the pair (as `fixed`).
    locked = models.BooleanField(_("kept in the next run"), default=False)
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)  # [[code, value], …] from engine.Reason
    alternatives = models.JSONField(default=list, blank=True)  # [{offer, score, others_lost, unmatched}, …]
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        indexes = [
            models.Index(fields=["programme", "status"], name="matching_proposal_open"),
            # The review page's order: the database reads a page of proposals off the index
            # instead of sorting every open proposal (900 of them, with their reasons).
            models.Index(fields=["programme", "status", "-score", "id"], name="matching_proposal_best"),
        ]

    def __str__(self) -> str:
        return f"{self.request} – {self.offer}"


class MatchQuerySet(models.QuerySet):
    def current(self) -> MatchQuerySet:
        return self.filter(status__in=Match.CURRENT)


class Match(models.Model):
    """A pair a coordinator accepted. Both sides confirm by link (or SMS reply); a trial
    period and follow-ups ("how is it going?") follow; it ends with a reason."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Waiting for both to confirm")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    class EndReason(models.TextChoices):
        COMPLETED = "completed", _("Done: what was asked is given")
        MOVED = "moved", _("Someone moved")
        NOT_WORKING = "not_working", _("It did not work out")
        NO_TIME = "no_time", _("No time any more")
        WITHDREW = "withdrew", _("Someone left the programme")
        OTHER = "other", _("Other")

    CURRENT = (Status.AWAITING, Status.ACTIVE)

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matches")
    request = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="matches_asked")
    offer = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="matches_given")
    proposal = models.OneToOneField(Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="match")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.AWAITING)
    request_token = models.CharField(max_length=64, unique=True, default=new_token)
    offer_token = models.CharField(max_length=64, unique=True, default=new_token)
    request_confirmed_at = models.DateTimeField(null=True, blank=True)
    offer_confirmed_at = models.DateTimeField(null=True, blank=True)
    trial_ends_on = models.DateField(_("trial period ends"), null=True, blank=True)
    next_check_in_on = models.DateField(_("next follow-up"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=12, choices=EndReason.choices, blank=True)
    end_note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["request"], condition=Q(status__in=("awaiting", "active")),
                                               name="matching_one_current_match_per_request")]
        indexes = [models.Index(fields=["programme", "status"], name="matching_match_status"),
                   models.Index(fields=["next_check_in_on"], name="matching_match_check_in")]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.request} – {self.offer}"


class CheckIn(models.Model):
    """A follow-up: "how is it going?" sent to both sides, and what they or the coordinator said."""

    class Answer(models.TextChoices):
        GOOD = "good", _("It is going well")
        OK = "ok", _("It is all right")
        PROBLEM = "problem", _("Something is not working")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="check_ins")
    due_on = models.DateField(_("due"))
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    side = models.CharField(max_length=10, choices=Participant.Side.choices, blank=True)  # who answered; blank: coordinator
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.match} {self.due_on}"


# ---------------------------------------------------------------- regional programmes


class RegionalPartner(models.Model):
    """Another Samverka installation (a neighbouring municipality) that runs programmes
    together with this one. Its feed is fetched from `base_url` and believed only when signed
    with `public_key`; its messages (match requests, answers) likewise."""

    name = models.CharField(_("name"), max_length=150)
    base_url = models.URLField(_("address"), unique=True, help_text=_("e.g. https://samverka.upplands-bro.se"))
    public_key = models.CharField(_("public key"), max_length=100,
                                  help_text=_("The partner's Ed25519 public key, in base64, as its "
                                              "/matchning/regionalt/nyckel/ shows it."))
    active = models.BooleanField(_("active"), default=True)
    checked_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("last fetched without a fault"), null=True, blank=True)
    feed_issued_at = models.DateTimeField(null=True, blank=True)  # the latest feed believed: older ones are replays
    error = models.CharField(_("fault of the last fetch"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner municipality")
        verbose_name_plural = _("partner municipalities")

    def __str__(self) -> str:
        return self.name


class RemoteOffer(models.Model):
    """An open place at a partner's programme, as its latest feed described it: an
    association's public facts, or for a person only an opaque id and what matching needs.
    Rows not in the partner's latest feed are removed."""

    partner = models.ForeignKey(RegionalPartner, on_delete=models.CASCADE, related_name="offers")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="remote_offers")
    remote_id = models.CharField(max_length=64)
    association = models.CharField(_("association"), max_length=200, blank=True)
    organisation_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    association_kind = models.CharField(_("kind of association"), max_length=60, blank=True)
    area = models.CharField(_("part of the municipality"), max_length=100, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    languages = models.JSONField(default=list, blank=True)  # language codes
    kinds = models.JSONField(default=list, blank=True)  # the programme's words, in Swedish
    interests = models.JSONField(default=list, blank=True)
    places = models.PositiveSmallIntegerField(_("open places"), default=1)
    holds_check = models.BooleanField(default=False)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["partner__name", "association", "remote_id"]
        constraints = [models.UniqueConstraint(fields=["partner", "programme", "remote_id"],
                                               name="matching_remote_offer_once")]
        verbose_name = _("offer of a partner municipality")
        verbose_name_plural = _("offers of partner municipalities")

    def __str__(self) -> str:
        return self.association or f"{self.partner} {self.remote_id[:8]}"


class RemoteMatch(models.Model):
    """A match across two installations. Outgoing: a local request and a partner's offer;
    the engine proposes it, the coordinator asks the person, and only when the person
    consents (recorded here with what they chose to share) is a signed match request sent.
    Incoming: a partner's person, with what they consented to share, and a local offer,
    waiting for this programme's coordinator."""

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("To a partner")
        INCOMING = "incoming", _("From a partner")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ASKED = "asked", _("Waiting for the person's consent")
        SENT = "sent", _("Sent to the partner")
        FAILED = "failed", _("Could not be sent")
        PENDING = "pending", _("Waiting for the coordinator")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Rejected")

    OPEN = (Status.PROPOSED, Status.ASKED, Status.SENT, Status.FAILED, Status.PENDING)
    SHAREABLE = ("name", "email", "phone", "languages", "about")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="remote_matches")
    partner = models.ForeignKey(RegionalPartner, on_delete=models.CASCADE, related_name="matches")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    reference = models.CharField(max_length=64, default=new_token)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    request = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="remote_matches_asked")
    offer = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="remote_matches_given")
    remote_offer = models.ForeignKey(RemoteOffer, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="matches")
    offer_ref = models.CharField(max_length=64)  # the partner's offer id (outgoing) or ours (incoming)
    offer_name = models.CharField(max_length=200, blank=True)
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)  # the person's consent link
    shared = models.JSONField(default=dict, blank=True)  # what the person consented to share
    consented_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["partner", "direction", "reference"],
                                               name="matching_remote_match_reference")]
        verbose_name = _("match with a partner municipality")
        verbose_name_plural = _("matches with partner municipalities")

    def __str__(self) -> str:
        return f"{self.partner} {self.reference[:8]}"


class RegionalMessage(models.Model):
    """A signed message received from a partner, kept by its nonce for the replay window:
    the same message twice is refused."""

    partner = models.ForeignKey(RegionalPartner, on_delete=models.CASCADE, related_name="messages")
    nonce = models.CharField(max_length=64)
    kind = models.CharField(max_length=20)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "nonce"], name="matching_message_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.nonce[:8]}"

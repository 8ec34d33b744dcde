"""Action plans with goals that can be followed up (policy points 1, 1a and 9).

Each office records the areas where it can cooperate (`Inventory`), keeps action plans
(`ActionPlan`) with goals (`Goal`, tagged with Agenda 2030 goals and targets), indicators
(`Indicator`: entered by hand or computed from the platform's own data, see `sources.py`)
whose every value over time is kept (`IndicatorValue`), and actions (`Action`) with an
owner, dates and a status, linked to the work itself: needs, activities, grant programmes,
partnerships, dialogue processes, ideas, matching programmes and groups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.dialogue.models import Process
from samverka.municipality.models import Area, District, Office, SdgGoal, SdgTarget


class Inventory(models.Model):
    """Where an office can cooperate with civil society, area by area (policy point 1)."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="inventory")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="inventory")
    description = models.TextField(_("how the office can cooperate here"), max_length=3000)
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("contact person"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["office", "area"]
        verbose_name = _("area of cooperation")
        verbose_name_plural = _("areas of cooperation")
        constraints = [models.UniqueConstraint(fields=["office", "area"], name="one_inventory_row_per_office_area")]

    def __str__(self) -> str:
        return f"{self.office} – {self.area}"


class ActionPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ActionPlan.Status.PUBLISHED)

    def visible_to(self, user):
        """Published plans to everyone; drafts to the office's officials and administrators."""
        if user.is_authenticated and user.is_superuser:
            return self
        mine = Q(status=ActionPlan.Status.PUBLISHED)
        if user.is_authenticated and user.office_ids:
            mine |= Q(office__in=user.office_ids)
        return self.filter(mine)


class ActionPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.TextField(_("summary"), max_length=3000, blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="action_plans")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-first_year", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")),
                                              name="plan_years_in_order")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plans:detail", kwargs={"slug": self.slug})


class Goal(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=250)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="plan_goals")
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="plan_goals")
    sdg_targets = models.ManyToManyField(SdgTarget, verbose_name=_("Agenda 2030 targets"), blank=True,
                                         related_name="plan_goals")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    class Unit(models.TextChoices):
        COUNT = "count", _("number")
        PEOPLE = "people", _("people")
        PERCENT = "percent", _("per cent")
        HOURS = "hours", _("hours")
        KRONOR = "kronor", _("kronor")
        DAYS = "days", _("days")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("every month")
        QUARTERLY = "quarterly", _("every quarter")
        YEARLY = "yearly", _("every year")

    class Source(models.TextChoices):
        """Where a value comes from: typed by hand, or computed from the platform's own data
        (`sources.py` holds one function per computed source and its unit)."""
        MANUAL = "manual", _("Entered by hand")
        VOLUNTEERS = "volunteers", _("Volunteers registered (in the goal's area)")
        MATCHES = "matches", _("Matches made in matching programmes")
        FEEDBACK_ON_TIME = "feedback_on_time", _("Feedback given on time (share)")
        GRANTS_FOLLOWED_UP = "grants_followed_up", _("Grants followed up (share)")
        NEEDS_MET = "needs_met", _("Needs met")
        IDEAS_COACHED = "ideas_coached", _("Ideas coached in the idea lab")
        PARTNERSHIPS = "partnerships", _("Partnerships under way")
        ACTIVITIES = "activities", _("Activities held (in the goal's area)")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=250)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    source = models.CharField(_("where the values come from"), max_length=20, choices=Source.choices,
                              default=Source.MANUAL)
    method = models.TextField(_("how it is measured"), max_length=2000, blank=True)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.YEARLY)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_on = models.DateField(_("baseline measured on"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_on = models.DateField(_("target to be reached by"), null=True, blank=True)
    district = models.ForeignKey(District, verbose_name=_("part of the municipality"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["goal", "position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def computed(self) -> bool:
        return self.source != self.Source.MANUAL


class IndicatorValue(models.Model):
    """One measurement. Every value is kept: a correction is a new row for the same date, and
    the latest row of a date is the one shown (the others stay in the history)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    computed = models.BooleanField(default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "measured_on", "created_at", "pk"]
        verbose_name = _("value of an indicator")
        verbose_name_plural = _("values of indicators")
        indexes = [models.Index(fields=["indicator", "measured_on"])]
        constraints = [
            # The daily computation writes a date once, however often it runs.
            models.UniqueConstraint(fields=["indicator", "measured_on"], condition=Q(computed=True),
                                    name="one_computed_value_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class ActionQuerySet(models.QuerySet):
    def current(self):
        return self.exclude(status__in=[Action.Status.DONE, Action.Status.CANCELLED])


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Under way")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(Goal, verbose_name=_("goal"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="actions")
    title = models.CharField(_("action"), max_length=250)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="plan_actions")
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    position = models.PositiveSmallIntegerField(default=0)
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="plan_actions")
    # The work the action is carried out through (apps below this one).
    needs = models.ManyToManyField("needs.Need", verbose_name=_("needs"), blank=True, related_name="plan_actions")
    activities = models.ManyToManyField("activities.Activity", verbose_name=_("activities"), blank=True,
                                        related_name="plan_actions")
    grant_programmes = models.ManyToManyField("grants.GrantProgramme", verbose_name=_("grant programmes"),
                                              blank=True, related_name="plan_actions")
    partnerships = models.ManyToManyField("partnerships.Partnership", verbose_name=_("partnerships"), blank=True,
                                          related_name="plan_actions")
    processes = models.ManyToManyField("dialogue.Process", verbose_name=_("dialogues"), blank=True,
                                       related_name="plan_actions")
    ideas = models.ManyToManyField("ideas.Idea", verbose_name=_("ideas"), blank=True, related_name="plan_actions")
    programmes = models.ManyToManyField("matching.Programme", verbose_name=_("matching programmes"), blank=True,
                                        related_name="plan_actions")
    groups = models.ManyToManyField("networks.Group", verbose_name=_("groups"), blank=True,
                                    related_name="plan_actions")
    # The follow-up points of a group's meetings this action was made from (`point.plan_actions`).
    from_points = models.ManyToManyField("networks.FollowUpPoint", verbose_name=_("made from follow-up points"),
                                         blank=True, related_name="plan_actions")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [models.CheckConstraint(
            condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
            name="action_dates_in_order")]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- the forward look (coming decisions)


class ForwardItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def visible_to(self, user):
        """Published items to everyone; drafts to the office's officials, the process leaders and
        the administrators."""
        if user.is_authenticated and (user.is_superuser or user.is_process_leader):
            return self
        mine = Q(published_at__isnull=False)
        if user.is_authenticated and user.office_ids:
            mine |= Q(office__in=user.office_ids)
        return self.filter(mine)

    def coming(self):
        return self.filter(status__in=[ForwardItem.Status.PLANNED, ForwardItem.Status.MOVED])


class ForwardItem(models.Model):
    """A coming decision or plan of a committee (policy point 6): what, why, when and at which
    stage on the Council of Europe code's matrix, with the ways civil society can take part."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        MOVED = "moved", _("Moved")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DECIDED = "decided", _("Decided")

    class Quarter(models.IntegerChoices):
        Q1 = 1, _("January–March")
        Q2 = 2, _("April–June")
        Q3 = 3, _("July–September")
        Q4 = 4, _("October–December")

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT,
                               related_name="forward_items")
    committee = models.ForeignKey("municipality.Committee", verbose_name=_("committee that decides"),
                                  on_delete=models.PROTECT, related_name="forward_items")
    title = models.CharField(_("title"), max_length=200)
    why = models.TextField(_("why"), max_length=3000)
    to_decide = models.TextField(_("what is to be decided"), max_length=3000)
    year = models.PositiveSmallIntegerField(_("year of the decision"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=Quarter.choices)
    level = models.CharField(_("level of participation"), max_length=15, choices=Process.Level.choices)
    stage = models.CharField(_("stage of the decision"), max_length=15, choices=Process.Stage.choices)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="forward_items")
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="forward_items")
    take_part = models.TextField(_("how civil society can take part"), max_length=3000, blank=True)
    group = models.ForeignKey("networks.Group", verbose_name=_("presented at the meetings of"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="forward_items",
                              help_text=_("The cooperation body or network whose regular meetings take it up."))
    process = models.ForeignKey(Process, verbose_name=_("dialogue started from it"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="forward_items")
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible official"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="forward_items")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    reason = models.TextField(_("reason"), max_length=2000, blank=True,
                              help_text=_("Why the item was moved or withdrawn."))
    moved_from_year = models.PositiveSmallIntegerField(null=True, blank=True)
    moved_from_quarter = models.PositiveSmallIntegerField(null=True, blank=True, choices=Quarter.choices)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ForwardItemQuerySet.as_manager()

    class Meta:
        ordering = ["year", "quarter", "committee", "title", "pk"]
        verbose_name = _("coming decision")
        verbose_name_plural = _("coming decisions")
        indexes = [models.Index(fields=["year", "quarter"])]
        constraints = [models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4),
                                              name="forward_item_quarter_1_to_4")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plans:forward_item", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_coming(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.MOVED)

    @property
    def term(self) -> str:
        return term_label(self.year, self.quarter)

    @property
    def moved_from(self) -> str:
        return term_label(self.moved_from_year, self.moved_from_quarter) if self.moved_from_year else ""


def term_label(year, quarter) -> str:
    """ "2027, April–June" in the language of the page."""
    return f"{year}, {ForwardItem.Quarter(quarter).label}" if quarter else str(year)


class FollowQuerySet(models.QuerySet):
    def of_item(self, item: ForwardItem):
        """Who follows something the item is under: its committee, its office, one of its areas or
        goals, or the item itself."""
        q = Q(committee_id=item.committee_id) | Q(office_id=item.office_id) | Q(item_id=item.pk)
        areas = [a.pk for a in item.areas.all()]
        goals = [g.pk for g in item.sdg_goals.all()]
        if areas:
            q |= Q(area_id__in=areas)
        if goals:
            q |= Q(sdg_goal_id__in=goals)
        return self.filter(q)


FOLLOW_TARGETS = ("committee", "office", "area", "sdg_goal", "item")


class Follow(models.Model):
    """A person follows a committee, an office, an area, an Agenda 2030 goal or one coming
    decision, and is told when something new comes up there (the bell; an e-mail if they chose)."""

    TARGETS = FOLLOW_TARGETS

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_follows")
    committee = models.ForeignKey("municipality.Committee", verbose_name=_("committee"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    sdg_goal = models.ForeignKey(SdgGoal, verbose_name=_("Agenda 2030 goal"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ForwardItem, verbose_name=_("coming decision"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="follows")
    email = models.BooleanField(_("also by e-mail"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("follow of coming decisions")
        verbose_name_plural = _("follows of coming decisions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(committee__isnull=False, office=None, area=None, sdg_goal=None, item=None)
                           | Q(committee=None, office__isnull=False, area=None, sdg_goal=None, item=None)
                           | Q(committee=None, office=None, area__isnull=False, sdg_goal=None, item=None)
                           | Q(committee=None, office=None, area=None, sdg_goal__isnull=False, item=None)
                           | Q(committee=None, office=None, area=None, sdg_goal=None, item__isnull=False)),
                name="plan_follow_one_target"),
            *[models.UniqueConstraint(fields=["user", name], condition=Q(**{f"{name}__isnull": False}),
                                      name=f"plan_follow_once_per_{name}") for name in FOLLOW_TARGETS],
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.target}"

    @property
    def kind(self) -> str:
        return next(name for name in self.TARGETS if getattr(self, f"{name}_id") is not None)

    @property
    def target(self):
        return getattr(self, self.kind)


class ParticipationRequest(models.Model):
    """Someone (for an association, or as a resident) asks to take part in a coming decision.
    The answer is the office's duty: a feedback item of the dialogue app, with an owner and a
    deadline like any other."""

    item = models.ForeignKey(ForwardItem, on_delete=models.CASCADE, related_name="requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="participation_requests")
    actor = models.ForeignKey("actors.Actor", verbose_name=_("for the association"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="participation_requests")
    text = models.TextField(_("how you want to take part"), max_length=3000)
    feedback_item = models.OneToOneField("dialogue.FeedbackItem", on_delete=models.PROTECT,
                                         related_name="participation_request")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to take part")
        verbose_name_plural = _("requests to take part")

    def __str__(self) -> str:
        return f"{self.item}: {self.actor or self.user}"

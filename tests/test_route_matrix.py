"""Every address with an object in it (an id, a slug, a token), found by walking the URL
configuration, tried by four people who have no business there: an anonymous visitor, a
resident, another association's representative and an official of another office. Each
method (GET and POST; PUT, PATCH and DELETE on the API) must be refused (401, 403, 404,
405 or a redirect to log in) unless the page is public on purpose (PUBLIC, each with its
reason), and nothing may change: every row of every table is the same afterwards, and no
work waits for the commit.

The objects belong to Parkinson Ekerö (Eva, its owner) and to the culture and leisure office
(Sara). A new address fails `test_every_address_with_a_parameter_has_a_builder` until
BUILDERS says how to make its parameters."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.activities.models import Activity, Feature
from samverka.activities.tests.factories import (
    ActivityFactory,
    MeetingPlaceFactory,
    RegistrationActivityFactory,
    RegistrationFactory,
)
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import InvitationFactory, MembershipFactory
from samverka.cases.tests.factories import CaseFactory, held_link_case
from samverka.crisis.models import HelpProvider, ProviderTask, ReceivedSignUp
from samverka.crisis.tests.factories import CrisisFactory, CrisisVolunteerFactory, HelpRequestFactory, TaskFactory
from samverka.dialogue.models import Document as DialogueDocument
from samverka.dialogue.models import Report as DialogueReport
from samverka.dialogue.models import Workshop as DialogueWorkshop
from samverka.dialogue.tests.factories import CommentFactory as DialogueCommentFactory
from samverka.dialogue.tests.factories import FeedbackItemFactory as DialogueItemFactory
from samverka.dialogue.tests.factories import ProcessFactory as DialogueProcessFactory
from samverka.dialogue.tests.factories import ProposalFactory as DialogueProposalFactory
from samverka.dialogue.tests.factories_consultations import (
    ConsultationFactory,
    ConsultingProcessFactory,
    RecipientFactory,
    SentConsultationFactory,
)
from samverka.dialogue.tests.factories_surveys import QuestionFactory, SurveyFactory, open_survey_with_phase
from samverka.grants import models as grants_models
from samverka.grants.models import Attachment
from samverka.grants.tests.factories import (
    PDF,
    ApplicationFactory,
    CommitteeFactory,
    SubmittedApplicationFactory,
    decided,
)
from samverka.grants.tests.factories import ProgrammeFactory as GrantProgrammeFactory
from samverka.guides import services as guide_services
from samverka.guides.tests.factories import make_guide
from samverka.ideas.tests.factories import CoachFactory, IdeaFactory
from samverka.matching.models import Match, Programme, RegionalPartner, RemoteMatch
from samverka.matching.tests.factories import CoordinatorFactory, MatchFactory, ProgrammeFactory, ProposalFactory
from samverka.municipality.models import Municipality
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.networks.models import Announcement, MeetingDocument
from samverka.networks.tests.factories import CouncilFactory, GroupFactory, PointFactory, SeatFactory
from samverka.networks.tests.factories import MeetingFactory as GroupMeetingFactory
from samverka.networks.tests.factories import MembershipFactory as GroupMembershipFactory
from samverka.news.tests.factories import NewsletterFactory, PostFactory, SubscriberFactory
from samverka.overview.models import Report as OverviewReport
from samverka.partnerships.models import Document as PartnershipDocument
from samverka.partnerships.tests.factories import (
    CompactFactory,
    ContributionFactory,
    GoalFactory,
    MilestoneFactory,
    PartnershipFactory,
    PartyFactory,
    SignatureFactory,
)
from samverka.plans.models import Follow
from samverka.plans.tests.factories import ActionFactory as PlanActionFactory
from samverka.plans.tests.factories import ForwardItemFactory, IndicatorFactory, InventoryFactory, PlanFactory
from samverka.plans.tests.factories import GoalFactory as PlanGoalFactory
from samverka.setup.models import CalendarFeed, ExportJob, ImportJob
from samverka.volunteers.tests.factories import AssignmentFactory, VolunteerFactory

from .urlwalk import Route, routes

ANONYMOUS = "anonymous"
RESIDENT = "resident"
OTHER_REPRESENTATIVE = "other_representative"
OTHER_OFFICIAL = "other_official"
PERSONAS = [ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL]

# Guessed secrets: the right shape, never the right value. Whoever has the real link is
# meant to get in (the link is the key); nobody gets in by trying.
GUESSED = "x" * 32

# ---------------------------------------------------------------- what to call each address with


def _slug_variants(*attributes: str) -> Callable[[dict], list[dict]]:
    """The address once for each object named: the association's and the office's."""
    return lambda s: [{"slug": s[a].slug} for a in attributes]


def _api(attribute: str, key: str = "slug") -> Callable[[dict], dict]:
    return lambda s: {key: getattr(s[attribute], key), "format": "json"}


BUILDERS: dict[str, Callable[[dict], dict | list[dict]]] = {
    # The API: public reads, writes for those with the right.
    "api:actor-detail": _api("actor"),
    "api:activity-detail": _api("activity"),
    "api:occurrence-detail": _api("occurrence", "pk"),
    "api:meetingplace-detail": _api("place"),
    "api:need-detail": _api("need"),
    "api:actor-list": lambda s: {"format": "json"},
    "api:activity-list": lambda s: {"format": "json"},
    "api:occurrence-list": lambda s: {"format": "json"},
    "api:meetingplace-list": lambda s: {"format": "json"},
    "api:need-list": lambda s: {"format": "json"},
    "api:partnership-list": lambda s: {"format": "json"},
    "api:api-root": lambda s: {"format": "json"},
    # The register.
    "actors:invitation": lambda s: {"token": GUESSED},
    "actors:detail": lambda s: {"slug": s["actor"].slug},
    "actors:edit": lambda s: {"slug": s["actor"].slug},
    "actors:confirm": lambda s: {"slug": s["actor"].slug},
    "actors:archive": lambda s: {"slug": s["actor"].slug},
    "actors:verify": lambda s: {"slug": s["actor"].slug},
    "actors:request_update": lambda s: {"slug": s["actor"].slug},
    "actors:history": lambda s: {"slug": s["actor"].slug},
    "actors:people": lambda s: {"slug": s["actor"].slug},
    "actors:change_role": lambda s: {"slug": s["actor"].slug, "pk": s["editor_membership"].pk},
    "actors:remove_person": lambda s: {"slug": s["actor"].slug, "pk": s["editor_membership"].pk},
    "actors:revoke_invitation": lambda s: {"slug": s["actor"].slug, "pk": s["invitation"].pk},
    # Activities and meeting places.
    "activities:registration": lambda s: {"token": GUESSED},
    "activities:confirm_registration": lambda s: {"token": GUESSED},
    "activities:registration_sent": lambda s: [{"slug": s["activity"].slug, "pk": s["occurrence"].pk},
                                               {"slug": s["draft"].slug, "pk": s["draft"].occurrences.first().pk}],
    "activities:detail": _slug_variants("activity", "office_activity"),
    "activities:activity_feed": _slug_variants("activity", "office_activity"),
    "activities:edit": _slug_variants("activity", "office_activity", "draft"),
    "activities:publish": _slug_variants("draft"),
    "activities:cancel": _slug_variants("activity", "office_activity"),
    "activities:register": lambda s: [{"slug": s["activity"].slug, "pk": s["occurrence"].pk},
                                      {"slug": s["draft"].slug, "pk": s["draft"].occurrences.first().pk}],
    "activities:cancel_occurrence": lambda s: {"slug": s["activity"].slug, "pk": s["occurrence"].pk},
    "activities:move_occurrence": lambda s: {"slug": s["activity"].slug, "pk": s["occurrence"].pk},
    "activities:participants": _slug_variants("activity", "office_activity"),
    "activities:participants_csv": _slug_variants("activity", "office_activity"),
    "activities:feature": _slug_variants("activity"),
    "activities:unfeature": lambda s: {"slug": s["activity"].slug, "pk": s["feature"].pk},
    "places:detail": _slug_variants("place"),
    "places:edit": _slug_variants("place"),
    "places:review": _slug_variants("proposed_place"),
    # Needs.
    "needs:detail": _slug_variants("need", "office_need"),
    "needs:answer": _slug_variants("need", "office_need"),
    "needs:edit": _slug_variants("need", "office_need"),
    "needs:close": _slug_variants("need", "office_need"),
    "needs:reopen": _slug_variants("closed_need"),
    "needs:answers": _slug_variants("need", "office_need"),
    "needs:handle": lambda s: [{"slug": s["need"].slug, "pk": s["answer"].pk},
                               {"slug": s["office_need"].slug, "pk": s["office_answer"].pk}],
    # Grants.
    "grants:programme": lambda s: {"slug": s["grant_programme"].slug},
    "grants:apply": lambda s: {"slug": s["grant_programme"].slug},
    "grants:nominate": lambda s: {"slug": s["grant_award"].slug},
    "grants:cases": lambda s: {"slug": s["grant_programme"].slug},
    "grants:allocation": lambda s: {"slug": s["grant_programme"].slug},
    "grants:edit_programme": lambda s: {"slug": s["grant_programme"].slug},
    "grants:annual_documents": lambda s: {"actor": s["actor"].slug},
    "grants:report": lambda s: {"pk": s["grant_report"].application_id},
    "grants:decision_letter": lambda s: {"pk": s["grant_report"].application_id},
    "grants:disclosure": lambda s: {"pk": s["application"].pk},
    "grants:report_file": lambda s: {"pk": s["grant_report"].application_id},
    "grants:reclaim": lambda s: {"pk": s["grant_report"].application_id},
    "grants:follow_up": lambda s: {"slug": s["grant_programme"].slug},
    "grants:details": lambda s: {"actor": s["actor"].slug},
    "grants:annual_document": lambda s: {"pk": s["annual_document"].pk},
    "grants:approve_document": lambda s: {"pk": s["annual_document"].pk},
    "grants:return_document": lambda s: {"pk": s["annual_document"].pk},
    "grants:application": lambda s: [{"pk": s["application"].pk}, {"pk": s["grant_draft"].pk}],
    "grants:receipt": lambda s: {"pk": s["application"].pk},
    "grants:review": lambda s: {"pk": s["application"].pk},
    "grants:decide": lambda s: {"pk": s["application"].pk},
    "grants:payout": lambda s: {"pk": s["application"].pk},
    "grants:attachment": lambda s: {"pk": s["grant_attachment"].pk},
    "grants:remove_attachment": lambda s: {"pk": s["grant_attachment"].pk},
    "grants:decision_list": lambda s: {"committee": s["grant_programme"].committee.slug, "meeting": "2026-06-10"},
    "api:grantdecision-detail": lambda s: {"pk": s["grant_decision"].pk, "format": "json"},
    "api:grantdecision-list": lambda s: {"format": "json"},
    # Networks and groups: a public network, a closed steering group, a council with a seat.
    "networks:group": _slug_variants("group", "closed_group"),
    "networks:feed": _slug_variants("group", "closed_group"),
    "networks:join": _slug_variants("group", "closed_group", "council"),
    "networks:leave": _slug_variants("group", "closed_group"),
    "networks:announce": _slug_variants("group", "closed_group"),
    "networks:announcements": _slug_variants("group", "closed_group"),
    "networks:announcement": lambda s: [{"slug": s["group"].slug, "pk": s["announcement"].pk},
                                        {"slug": s["closed_group"].slug, "pk": s["closed_announcement"].pk}],
    "networks:members": _slug_variants("group", "closed_group"),
    "networks:member": lambda s: {"slug": s["group"].slug, "pk": s["group_membership"].pk},
    "networks:add_seat": _slug_variants("council"),
    "networks:seat": lambda s: {"slug": s["council"].slug, "pk": s["seat"].pk},
    "networks:plan": _slug_variants("group", "closed_group"),
    "networks:points": _slug_variants("group", "closed_group"),
    "networks:meeting": lambda s: [{"pk": s["group_meeting"].pk}, {"pk": s["closed_meeting"].pk}],
    "networks:propose": lambda s: {"pk": s["group_meeting"].pk},
    "networks:attendance": lambda s: {"pk": s["group_meeting"].pk},
    "networks:minutes": lambda s: {"pk": s["group_meeting"].pk},
    "networks:approve": lambda s: {"pk": s["group_meeting"].pk},
    "networks:correct": lambda s: {"pk": s["group_meeting"].pk},
    "networks:add_point": lambda s: {"pk": s["group_meeting"].pk},
    "networks:point": lambda s: {"pk": s["point"].pk},
    "networks:point_done": lambda s: {"pk": s["point"].pk},
    "networks:point_need": lambda s: {"pk": s["point"].pk},
    "networks:point_reopen": lambda s: {"pk": s["point"].pk},
    "networks:withdraw": _slug_variants("group", "closed_group"),
    # Reports: the office's (ready), the yearly one (failed, so it can be tried again).
    "overview:report": lambda s: [{"pk": s["office_report"].pk}, {"pk": s["yearly_report"].pk}],
    "overview:meeting": lambda s: [{"pk": s["group_meeting"].pk}, {"pk": s["closed_meeting"].pk}],
    "plans:from_point": lambda s: {"pk": s["point"].pk},
    "overview:retry_report": lambda s: [{"pk": s["office_report"].pk}, {"pk": s["yearly_report"].pk}],
    "overview:report_pdf": lambda s: {"pk": s["office_report"].pk},  # the failed one has no file: 404
    "overview:report_csv": lambda s: {"pk": s["office_report"].pk},
    "networks:stage": _slug_variants("group", "closed_group"),
    "networks:move": lambda s: [{"pk": s["group_meeting"].pk}, {"pk": s["closed_meeting"].pk}],
    "networks:add_document": lambda s: [{"pk": s["group_meeting"].pk}, {"pk": s["closed_meeting"].pk}],
    "networks:document": lambda s: [{"pk": s["meeting_document"].pk}, {"pk": s["closed_document"].pk}],
    "networks:remove_document": lambda s: [{"pk": s["meeting_document"].pk}, {"pk": s["closed_document"].pk}],
    # Partnerships: a public one and a private one of the official's office, with Parkinson Ekerö as a party.
    "partnerships:detail": _slug_variants("partnership", "private_partnership"),
    "partnerships:edit": _slug_variants("partnership", "private_partnership"),
    "partnerships:add_party": _slug_variants("partnership", "private_partnership"),
    "partnerships:add_contribution": _slug_variants("partnership", "private_partnership"),
    "partnerships:add_goal": _slug_variants("partnership", "private_partnership"),
    "partnerships:add_milestone": _slug_variants("partnership", "private_partnership"),
    "partnerships:add_document": _slug_variants("partnership", "private_partnership"),
    "partnerships:remove_party": lambda s: {"slug": s["partnership"].slug, "pk": s["party"].pk},
    "partnerships:end_party": lambda s: {"slug": s["partnership"].slug, "pk": s["party"].pk},
    "partnerships:remove_contribution": lambda s: {"slug": s["partnership"].slug, "pk": s["contribution"].pk},
    "partnerships:remove_goal": lambda s: {"slug": s["partnership"].slug, "pk": s["partnership_goal"].pk},
    "partnerships:edit_milestone": lambda s: {"slug": s["partnership"].slug, "pk": s["milestone"].pk},
    "partnerships:remove_milestone": lambda s: {"slug": s["partnership"].slug, "pk": s["milestone"].pk},
    "partnerships:report_milestone": lambda s: {"slug": s["partnership"].slug, "pk": s["milestone"].pk},
    "partnerships:document": lambda s: [{"slug": s["partnership"].slug, "pk": s[d].pk}
                                        for d in ("public_paper", "private_paper")],
    "partnerships:remove_document": lambda s: [{"slug": s["partnership"].slug, "pk": s[d].pk}
                                               for d in ("public_paper", "private_paper")],
    "partnerships:compact": lambda s: {"slug": s["compact"].slug},
    "partnerships:edit_compact": lambda s: {"slug": s["compact"].slug},
    "partnerships:sign": lambda s: {"slug": s["compact"].slug},
    "partnerships:withdraw": lambda s: {"slug": s["compact"].slug, "pk": s["signature"].pk},
    # Action plans: the office's published plan and its draft, a goal, an indicator and an action of it.
    **{f"plans:{name}": _slug_variants("plan", "draft_plan")
       for name in ("detail", "edit", "publish", "archive", "add_goal", "add_action")},
    **{f"plans:{name}": lambda s: {"slug": s["plan"].slug, "pk": s["plan_goal"].pk}
       for name in ("edit_goal", "add_indicator")},
    **{f"plans:{name}": lambda s: {"slug": s["plan"].slug, "pk": s["plan_indicator"].pk}
       for name in ("edit_indicator", "values")},
    **{f"plans:{name}": lambda s: {"slug": s["plan"].slug, "pk": s["plan_action"].pk}
       for name in ("edit_action", "action_status")},
    "plans:inventory_office": lambda s: {"office": s["office"].slug},
    "plans:edit_inventory": lambda s: {"pk": s["inventory_row"].pk},
    "plans:delete_inventory": lambda s: {"pk": s["inventory_row"].pk},
    # Coming decisions: the office's published one and its draft; a follow of Sara's.
    **{f"plans:{name}": lambda s: [{"pk": s["forward_item"].pk}, {"pk": s["forward_draft"].pk}]
       for name in ("forward_item", "edit_forward_item", "publish_forward_item", "move_forward_item",
                    "withdraw_forward_item", "decide_forward_item", "ask_to_take_part")},
    "plans:unfollow": lambda s: {"pk": s["forward_follow"].pk},
    "api:partnership-detail": _api("partnership"),
    # The knowledge bank: the office's published guide and a draft Parkinson Ekerö is invited to write.
    "guides:topic": lambda s: {"topic": "office"},
    **{f"guides:{name}": lambda s: [{"slug": s["guide"].slug}, {"slug": s["draft_guide"].slug}]
       for name in ("guide", "edit", "publish", "history")},
    "guides:restore": lambda s: [{"slug": s["guide"].slug, "number": 1}, {"slug": s["draft_guide"].slug, "number": 1}],
    # The idea lab: a private idea with a coach who is none of the strangers.
    **{f"ideas:{name}": lambda s: {"pk": s["idea"].pk}
       for name in ("idea", "take", "resend_receipt", "forward", "back", "support", "link", "need")},
    **{f"ideas:{name}": lambda s: {"token": GUESSED} for name in ("private", "confirm", "publicity")},
    # News: a published post and a draft; a newsletter already sent; the e-mails' links guessed.
    "news:post": _slug_variants("news_post", "news_draft"),
    "news:edit": _slug_variants("news_post", "news_draft"),
    "news:newsletter": lambda s: {"pk": s["newsletter"].pk},
    "news:send": lambda s: {"pk": s["newsletter"].pk},
    **{f"news:{name}": lambda s: {"token": GUESSED} for name in ("confirm", "unsubscribe")},
    # Dialogue: consultations (a draft and a sent one of the office's process, Parkinson Ekerö asked).
    "dialogue:consultation_create": lambda s: {"slug": s["consulting"].slug},
    **{f"dialogue:consultation{name}": lambda s: [{"pk": s["draft_consultation"].pk}, {"pk": s["sent_consultation"].pk}]
       for name in ("", "_edit", "_recipients", "_add_document", "_send", "_deadline", "_close", "_report")},
    "dialogue:consultation_document": lambda s: {"pk": s["consultation_paper"].pk},
    "dialogue:consultation_remove_document": lambda s: {"pk": s["consultation_paper"].pk},
    "dialogue:consultation_answer": lambda s: {"pk": s["recipient"].pk},
    "dialogue:consultation_send_answer": lambda s: {"pk": s["recipient"].pk},
    # Dialogue: surveys (an open survey of the office's process, a draft, a closed one).
    "dialogue:survey_create": lambda s: {"slug": s["survey"].process.slug},
    "dialogue:survey": lambda s: [{"pk": s["survey"].pk}, {"pk": s["draft_survey"].pk}],
    "dialogue:survey_edit": lambda s: [{"pk": s["survey"].pk}, {"pk": s["draft_survey"].pk}],
    "dialogue:survey_open": lambda s: {"pk": s["draft_survey"].pk},
    "dialogue:survey_close": lambda s: {"pk": s["survey"].pk},
    "dialogue:survey_answer": lambda s: [{"pk": s["survey"].pk}, {"pk": s["draft_survey"].pk}],
    "dialogue:survey_results": lambda s: [{"pk": s["survey"].pk}, {"pk": s["closed_survey"].pk}],
    "dialogue:survey_csv": lambda s: [{"pk": s["survey"].pk}, {"pk": s["closed_survey"].pk}],
    "dialogue:survey_question_add": lambda s: {"survey_pk": s["survey"].pk},
    "dialogue:survey_question": lambda s: {"pk": s["survey_question"].pk},
    "dialogue:survey_question_remove": lambda s: {"pk": s["survey_question"].pk},
    "dialogue:survey_question_move": lambda s: {"pk": s["survey_question"].pk},
    # dialogue: processes, proposals, comments, moderation, feedback, workshops
    "dialogue:process": _slug_variants("dialogue_process", "dialogue_draft"),
    "dialogue:process_edit": _slug_variants("dialogue_process", "dialogue_draft"),
    "dialogue:phase_new": _slug_variants("dialogue_process"),
    "dialogue:phase": lambda s: {"slug": s["dialogue_process"].slug, "pk": s["dialogue_phase"].pk},
    "dialogue:publish": _slug_variants("dialogue_draft"),
    "dialogue:documents": _slug_variants("dialogue_process"),
    "dialogue:said_did": _slug_variants("dialogue_process", "dialogue_draft"),
    "dialogue:close": _slug_variants("dialogue_process"),
    "dialogue:propose": _slug_variants("dialogue_process", "dialogue_draft"),
    "dialogue:comment": _slug_variants("dialogue_process", "dialogue_draft"),
    "dialogue:follow": _slug_variants("dialogue_process", "dialogue_draft"),
    "dialogue:moderation": _slug_variants("dialogue_process"),
    "dialogue:workshop_new": _slug_variants("dialogue_process"),
    "dialogue:workshop": lambda s: {"slug": s["dialogue_process"].slug, "pk": s["dialogue_workshop"].pk},
    "dialogue:workshop_point": lambda s: {"slug": s["dialogue_process"].slug, "pk": s["dialogue_workshop"].pk},
    "dialogue:proposal": lambda s: {"pk": s["dialogue_proposal"].pk},
    "dialogue:follow_proposal": lambda s: {"pk": s["dialogue_proposal"].pk},
    "dialogue:report_proposal": lambda s: {"pk": s["dialogue_proposal"].pk},
    "dialogue:hide_proposal": lambda s: {"pk": s["dialogue_proposal"].pk},
    "dialogue:report_comment": lambda s: {"pk": s["dialogue_comment"].pk},
    "dialogue:hide_comment": lambda s: {"pk": s["dialogue_comment"].pk},
    "dialogue:dismiss": lambda s: {"pk": s["dialogue_report"].pk},
    "dialogue:document": lambda s: {"pk": s["dialogue_document"].pk},
    "dialogue:feedback": lambda s: {"pk": s["dialogue_given"].pk},
    "dialogue:give_feedback": lambda s: {"pk": s["dialogue_item"].pk},
    "dialogue:reassign": lambda s: {"pk": s["dialogue_item"].pk},
    "api:dialogueprocess-detail": lambda s: {"pk": s["dialogue_process"].pk, "format": "json"},
    "api:dialogueprocess-list": lambda s: {"format": "json"},
    # The API of the forward look, the idea gallery and the groups: public things only (drafts, private
    # ideas and closed groups are 404 for everyone, the administrator too: samverka/api/tests).
    "api:forwarditem-detail": lambda s: {"pk": s["forward_item"].pk, "format": "json"},
    "api:forwarditem-list": lambda s: {"format": "json"},
    "api:idea-detail": lambda s: {"pk": s["public_idea"].pk, "format": "json"},
    "api:idea-list": lambda s: {"format": "json"},
    "api:group-detail": lambda s: {"slug": s["group"].slug, "format": "json"},
    "api:group-list": lambda s: {"format": "json"},
    "api:guide-detail": lambda s: {"slug": s["guide"].slug, "format": "json"},
    "api:guide-list": lambda s: {"format": "json"},
    # Volunteers.
    "volunteers:assignment": lambda s: {"pk": s["assignment"].pk},
    "volunteers:log_hours": lambda s: {"pk": s["assignment"].pk},
    "volunteers:assignment_status": lambda s: {"pk": s["assignment"].pk},
    # One way in.
    "cases:status": lambda s: {"token": GUESSED},
    "cases:reply": lambda s: {"token": GUESSED},
    "cases:case": lambda s: {"reference": s["case"].reference},
    "cases:assign": lambda s: {"reference": s["case"].reference},
    "cases:reroute": lambda s: {"reference": s["case"].reference},
    "cases:note": lambda s: {"reference": s["case"].reference},
    "cases:answer": lambda s: {"reference": s["case"].reference},
    "cases:close": lambda s: {"reference": s["case"].reference},
    "cases:reopen": lambda s: {"reference": s["case"].reference},
    "cases:hand_over": lambda s: {"reference": s["link_case"].reference},
    "cases:record_consent": lambda s: {"reference": s["link_case"].reference},
    "cases:withdraw_consent": lambda s: {"token": GUESSED, "pk": s["consent"].pk},
    "cases:link": lambda s: {"slug": s["link"].slug},
    "cases:link_case": lambda s: {"reference": s["link_case"].reference},
    "cases:link_take": lambda s: {"reference": s["link_case"].reference},
    "cases:link_hand_over": lambda s: {"reference": s["link_case"].reference},
    "cases:link_answer": lambda s: {"reference": s["link_case"].reference},
    "cases:link_register": lambda s: {"pk": s["link_party"].pk},
    "cases:coordinate": lambda s: {"slug": s["link"].slug},
    "cases:coordinate_case": lambda s: {"slug": s["link"].slug, "reference": s["link_case"].reference},
    "cases:coordinate_hand_over": lambda s: {"slug": s["link"].slug, "reference": s["link_case"].reference},
    "cases:coordinate_consent": lambda s: {"slug": s["link"].slug, "reference": s["link_case"].reference},
    **{f"cases:{name}": (lambda s: {"slug": s["link"].slug})
       for name in ("link_setup", "link_add_party", "link_leave", "link_add_handler", "link_remove_handler",
                    "link_topics", "link_add_rule", "link_remove_rule")},
    # Crisis mode.
    "crisis:offer_thanks": lambda s: {"ref": signing.dumps(s["received"].pk, salt="guessed")},
    "crisis:request_thanks": lambda s: {"ref": signing.dumps(s["help_request"].pk, salt="guessed")},
    "crisis:confirm": lambda s: {"token": GUESSED},
    "crisis:close": lambda s: {"pk": s["crisis"].pk},
    "crisis:requests": lambda s: {"pk": s["crisis"].pk},
    "crisis:overview": lambda s: {"pk": s["crisis"].pk},
    # Agenda 2030: a global goal's page (the goals are seeded, 1–17).
    "goals:goal": lambda s: {"number": 3},
    "crisis:request_detail": lambda s: {"pk": s["help_request"].pk},
    "crisis:triage": lambda s: {"pk": s["help_request"].pk},
    "crisis:match": lambda s: {"pk": s["help_request"].pk},
    "crisis:close_request": lambda s: {"pk": s["help_request"].pk},
    "crisis:cancel_task": lambda s: {"pk": s["task"].pk},
    "crisis:task_answer": lambda s: {"token": GUESSED},
    "crisis:providers": lambda s: {"pk": s["crisis"].pk},
    "crisis:release_volunteers": lambda s: {"pk": s["crisis"].pk},
    "crisis:hand": lambda s: {"pk": s["help_request"].pk},
    "crisis:provider": lambda s: {"pk": s["crisis_provider"].pk},
    "crisis:provider_pause": lambda s: {"pk": s["crisis_provider"].pk},
    "crisis:provider_accept": lambda s: {"pk": s["provider_task"].pk},
    "crisis:provider_helpers": lambda s: {"pk": s["provider_task"].pk},
    "crisis:provider_done": lambda s: {"pk": s["provider_task"].pk},
    "crisis:provider_return": lambda s: {"pk": s["provider_task"].pk},
    "crisis:release": lambda s: {"token": GUESSED},
    # Matching programmes: the public side (an open programme and a draft), the participants' links.
    "matching:programme": _slug_variants("programme", "draft_programme"),
    "matching:sign_up": lambda s: [{"slug": s["programme"].slug, "side": "be-om"},
                                   {"slug": s["programme"].slug, "side": "ge"},
                                   {"slug": s["draft_programme"].slug, "side": "be-om"}],
    "matching:sign_up_sent": lambda s: [{"slug": s["programme"].slug, "side": "be-om"},
                                        {"slug": s["draft_programme"].slug, "side": "ge"}],
    "matching:participant": lambda s: {"token": GUESSED},
    "accounts:guardian": lambda s: {"token": GUESSED},
    "matching:confirm_email": lambda s: {"token": GUESSED},
    "matching:match": lambda s: {"token": GUESSED},
    "matching:check_in": lambda s: {"token": GUESSED},
    # Matching programmes: the coordinator's pages (the programme belongs to Sara's office,
    # coordinated by Birgitta; no persona coordinates it).
    "matching:coordinate": lambda s: {"slug": s["programme"].slug},
    "matching:run": lambda s: {"slug": s["programme"].slug},
    "matching:review": lambda s: {"slug": s["programme"].slug},
    "matching:decide": lambda s: {"slug": s["programme"].slug, "pk": s["proposal"].pk},
    "matching:waiting": lambda s: {"slug": s["programme"].slug},
    "matching:coordinate_match": lambda s: {"slug": s["programme"].slug, "pk": s["match"].pk},
    "matching:end_match": lambda s: {"slug": s["programme"].slug, "pk": s["match"].pk},
    "matching:note_check_in": lambda s: {"slug": s["programme"].slug, "pk": s["match"].pk},
    "matching:coordinate_participant": lambda s: {"slug": s["programme"].slug, "pk": s["proposal"].request_id},
    "matching:pause": lambda s: {"slug": s["programme"].slug, "pk": s["proposal"].request_id},
    "matching:settings": lambda s: {"slug": s["programme"].slug},
    "matching:add_coordinator": lambda s: {"slug": s["programme"].slug},
    "matching:regional": lambda s: {"slug": s["programme"].slug},
    "matching:regional_fetch": lambda s: {"slug": s["programme"].slug},
    "matching:regional_decide": lambda s: {"slug": s["programme"].slug, "pk": s["remote_match"].pk},
    "matching:consent": lambda s: {"token": GUESSED},
    # Accounts (allauth): links sent by e-mail, and identity providers.
    "account_confirm_email": lambda s: {"key": GUESSED},
    "account_reset_password_from_key": lambda s: {"uidb36": "1z", "key": f"set-{GUESSED}"},
    "openid_connect_login": lambda s: {"provider_id": "finns-inte"},
    "openid_connect_callback": lambda s: {"provider_id": "finns-inte"},
    # The admin's own: an app's page and "view on site".
    "admin:app_list": lambda s: {"app_label": "accounts"},
    "admin:view_on_site": lambda s: {"content_type_id": ContentType.objects.get_for_model(s["actor"]).pk,
                                     "object_id": s["actor"].pk},
    "admin:<admin/(?P<url>.*)$>": lambda s: {"url": "finns/inte/"},
    "api:not_found": lambda s: {"rest": "finns/inte/"},
    "admin:auth_user_password_change": lambda s: {"id": s["people"][RESIDENT].pk},
    # Moving data in and out: the administrator's alone.
    "setup:import": lambda s: {"pk": s["import_job"].pk},
    "setup:refused_rows": lambda s: {"pk": s["import_job"].pk},
    "setup:sync_feed": lambda s: {"pk": s["calendar_feed"].pk},
    "setup:remove_feed": lambda s: {"pk": s["calendar_feed"].pk},
    "setup:download_export": lambda s: {"pk": s["export_job"].pk},
}


def _admin_builder(name: str):
    """The admin's pages of one object (change, delete, history): any row of its model. The
    admin lets only staff past its door, before it looks the object up."""
    for model in admin.site._registry:
        base = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        unnamed = f"admin:<admin/{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/>"  # → change
        if name == unnamed or name.startswith(base) and name[len(base):] in {"change", "delete", "history"}:
            return lambda s, model=model: {"object_id": str(model._default_manager.values_list("pk", flat=True)
                                                            .order_by("pk").first() or 1)}
    return None


def builder_for(route: Route):
    return BUILDERS.get(route.name) or (_admin_builder(route.name) if route.is_admin else None)


# Addresses that are 404 whoever asks: made with what does not exist, on purpose.
NOT_FOUND_FOR_EVERYONE = {
    "crisis:offer_thanks", "crisis:request_thanks",  # a reference signed with the wrong key
    "openid_connect_login", "openid_connect_callback",  # no identity provider is configured in tests
    "admin:<admin/(?P<url>.*)$>",  # an address the admin does not have
    "api:not_found",  # an address the API does not have: 404 in JSON, whatever the method
    "cases:link_case",  # only a partner organisation's named handlers see its cases, not the administrator
}

# ---------------------------------------------------------------- pages public on purpose

# Address → (methods everyone may use with a 200 or a redirect that is not to log in, why).
PUBLIC: dict[str, tuple[set[str], str]] = {
    "api:actor-detail": ({"GET"}, "the open register: a published association is public data"),
    "api:activity-detail": ({"GET"}, "published activities are public data"),
    "api:occurrence-detail": ({"GET"}, "occasions of published activities are public data"),
    "api:meetingplace-detail": ({"GET"}, "approved meeting places are public data"),
    "api:need-detail": ({"GET"}, "open needs are public data"),
    "api:actor-list": ({"GET"}, "the open register"),
    "api:activity-list": ({"GET"}, "the open calendar"),
    "api:occurrence-list": ({"GET"}, "the open calendar"),
    "api:meetingplace-list": ({"GET"}, "the open list of meeting places"),
    "api:need-list": ({"GET"}, "open needs"),
    "api:partnership-list": ({"GET"}, "the public partnerships"),
    "api:grantdecision-detail": ({"GET"}, "a grant decision is a public record"),
    "api:grantdecision-list": ({"GET"}, "every grant decision is a public record"),
    "grants:programme": ({"GET"}, "a grant programme's rules are public"),
    "api:api-root": ({"GET"}, "the API's table of contents"),
    "actors:detail": ({"GET"}, "a published association's page"),
    "activities:detail": ({"GET"}, "a published activity's page"),
    "activities:activity_feed": ({"GET"}, "a published activity's calendar file"),
    "activities:register": ({"GET", "POST"}, "anyone may sign up for a published activity (rate-limited, "
                                             "tests/test_rate_limits.py); a draft's form is 404"),
    "activities:registration_sent": ({"GET"}, "\"check your e-mail\" after signing up for a published activity "
                                              "(the same page whether a message went out; a draft's is 404)"),
    "places:detail": ({"GET"}, "an approved meeting place's page"),
    "cases:link": ({"GET", "POST"}, "anyone may contact a link across organisations on its page (rate-limited, "
                                    "tests/test_rate_limits.py)"),
    "matching:programme": ({"GET"}, "an open programme's page; a draft's is 404"),
    "matching:sign_up": ({"GET", "POST"}, "anyone may sign up for an open programme (rate-limited, "
                                          "tests/test_rate_limits.py); a draft's form is 404"),
    "matching:sign_up_sent": ({"GET"}, "\"check your e-mail\" after signing up for an open programme (the same "
                                       "page whether a message went out; a draft's is 404)"),
    "needs:detail": ({"GET"}, "an open need's page"),
    "networks:group": ({"GET"}, "a public group's page (purpose, actors, open meetings); a closed group's is 404"),
    "networks:feed": ({"GET"}, "a public group's open meetings as a calendar file; a closed group's is 404"),
    "networks:meeting": ({"GET"}, "an open meeting of a public group (its agenda); a closed group's is 404"),
    "partnerships:detail": ({"GET"}, "a public partnership's page; a private one is 404"),
    "guides:guide": ({"GET"}, "a published guide of the knowledge bank; a draft is 404"),
    "guides:topic": ({"GET"}, "a topic's stable address leads to its published guides"),
    "partnerships:document": ({"GET"}, "a public partnership's public document; a parties-only one asks to log in"),
    "partnerships:compact": ({"GET"}, "a local compact, its principles and who signed it, is public"),
    "plans:detail": ({"GET"}, "a published action plan is public; a draft is 404"),
    "plans:forward_item": ({"GET"}, "a published coming decision is public; a draft is 404"),
    "api:partnership-detail": ({"GET"}, "a public partnership is public data"),
    "dialogue:consultation": ({"GET"}, "a sent consultation is a public record (a draft's is 404)"),
    "dialogue:consultation_document": ({"GET"}, "a sent consultation's documents are public records"),
    "dialogue:consultation_report": ({"GET"}, "the compiled answers are public once the consultation is closed"),
    "dialogue:survey": ({"GET"}, "an open or closed survey's page (what it asks about, a way to answer); a draft's "
                                 "is 404"),
    "dialogue:survey_results": ({"GET"}, "a closed survey's results are public (free text stays with the office); "
                                         "an open survey's are 403"),
    "account_confirm_email": ({"GET"}, "says that the link is wrong or old"),
    "account_reset_password_from_key": ({"GET", "POST"}, "says that the link is wrong or old"),
    "crisis:confirm": ({"GET", "POST"}, "a guessed link gets a page that says it is not valid (and the button "
                                        "is rate-limited, tests/test_rate_limits.py)"),
    "admin:<admin/(?P<url>.*)$>": ({"GET"}, "the admin's unknown addresses send everyone to its log-in"),
    "dialogue:process": ({"GET"}, "a published dialogue's page; a draft is 404"),
    "dialogue:said_did": ({"GET"}, "a published dialogue's feedback given in public; a draft is 404"),
    "news:post": ({"GET"}, "a published news post; a draft or a scheduled one is 404 (officials see it)"),
    "dialogue:proposal": ({"GET"}, "a proposal in a published dialogue, with its comments and feedback"),
    "dialogue:feedback": ({"GET"}, "feedback given in public (you said, we did); one still open, or kept private, is 404"),
    "dialogue:document": ({"GET"}, "a published dialogue's documents are public with it"),
    "api:dialogueprocess-detail": ({"GET"}, "published dialogues and their public feedback are open data"),
    "api:dialogueprocess-list": ({"GET"}, "published dialogues and their public feedback are open data"),
    "api:forwarditem-detail": ({"GET"}, "a published coming decision is open data; a draft is 404"),
    "api:forwarditem-list": ({"GET"}, "the published coming decisions are open data"),
    "api:idea-detail": ({"GET"}, "an idea of the gallery is open data (without who sent it); a private one is 404"),
    "api:idea-list": ({"GET"}, "the idea gallery is open data (without who sent the ideas)"),
    "api:group-detail": ({"GET"}, "a public group (without its members) is open data; a closed one is 404"),
    "api:group-list": ({"GET"}, "the public groups (without their members) are open data"),
    "api:guide-detail": ({"GET"}, "a published guide of the knowledge bank is open data; a draft is 404"),
    "api:guide-list": ({"GET"}, "the published guides of the knowledge bank are open data"),
    "goals:goal": ({"GET"}, "a global goal's page: the public things linked to it"),
}
# Address → personas who may use it, with why: the rights of a role, not a hole.
ALLOWED_FOR: dict[str, tuple[set[str], set[str], str]] = {
    "plans:ask_to_take_part": ({"GET", "POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                               "anyone logged in may ask to take part in a published coming decision; empty, the "
                               "form says what is missing"),
    "news:edit": ({"GET", "POST"}, {OTHER_OFFICIAL}, "officials of every office write and edit the "
                  "municipality's news (news.change_post); empty, the form says what is missing"),
    "news:newsletter": ({"GET", "POST"}, {OTHER_OFFICIAL}, "officials of every office compose newsletters; a sent "
                        "one is read only (a POST goes back to the page)"),
    "news:send": ({"POST"}, {OTHER_OFFICIAL}, "officials of every office send newsletters; one already sent is not "
                  "sent again (a message says so)"),
    "partnerships:sign": ({"POST"}, {OTHER_REPRESENTATIVE}, "any association's representative may sign a compact "
                          "for their own association; empty, nothing is signed"),
    "matching:coordinate": ({"GET"}, {OTHER_OFFICIAL}, "the owning office's officials see the dashboard's "
                            "figures, without names (matching.view_programme)"),
    "needs:answer": ({"GET", "POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                     "anyone logged in may answer an open need"),
    "networks:join": ({"GET", "POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                      "anyone logged in may join an open network (networks.join_group)"),
    "grants:apply": ({"GET", "POST"}, {OTHER_REPRESENTATIVE},
                     "any association's representative may apply for it; empty, the form says what is missing"),
    "overview:meeting": ({"GET"}, {OTHER_OFFICIAL}, "every official sees the overview (overview.view_overview); "
                         "a public group's meeting shows only the overview's figures for its months; a closed "
                         "group's meeting is 404"),
    "actors:history": ({"GET"}, {OTHER_OFFICIAL}, "every official keeps the whole register (actors.view_history)"),
    "actors:verify": ({"POST"}, {OTHER_OFFICIAL}, "every official verifies associations (actors.verify_actor)"),
    "actors:request_update": ({"POST"}, {OTHER_OFFICIAL}, "every official may ask for an update "
                                                           "(actors.request_update)"),
    "activities:feature": ({"GET", "POST"}, {OTHER_OFFICIAL}, "every official lifts activities onto the home page "
                                                              "(activities.feature_activity)"),
    "activities:unfeature": ({"POST"}, {OTHER_OFFICIAL}, "the same right takes one down"),
    "places:edit": ({"GET", "POST"}, {OTHER_OFFICIAL}, "every official keeps meeting places up to date "
                                                       "(activities.change_meetingplace)"),
    "places:review": ({"POST"}, {OTHER_OFFICIAL}, "every official reviews proposed meeting places "
                                                  "(activities.review_meetingplace); empty, the form says 400"),
    "api:meetingplace-detail": ({"PUT", "PATCH"}, {OTHER_OFFICIAL}, "the same right as places:edit, through the API"),
    "api:meetingplace-list": ({"POST"}, {OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                              "organisers propose meeting places (activities.add_meetingplace); empty, 400"),
    "api:activity-list": ({"POST"}, {OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                          "organisers create their own activities; empty, 400"),
    # Only when the programme belongs to the official's own office (here it is the other official's).
    "matching:settings": ({"GET"}, {OTHER_OFFICIAL}, "the owning office's officials appoint coordinators "
                                                     "(matching.change_programme); the rules stay the coordinators'"),
    "matching:add_coordinator": ({"POST"}, {OTHER_OFFICIAL}, "the same right; empty, the form says what is missing"),
    "grants:annual_documents": ({"GET"}, {OTHER_OFFICIAL}, "every official checks associations' annual documents "
                                                           "(grants.approve_annual_document)"),
    "grants:annual_document": ({"GET"}, {OTHER_OFFICIAL}, "the same right reads the document"),
    "grants:approve_document": ({"POST"}, {OTHER_OFFICIAL}, "the same right approves it"),
    "grants:return_document": ({"POST"}, {OTHER_OFFICIAL}, "the same right returns it; empty, the reason is "
                                                           "asked for and nothing changes"),
    "grants:nominate": ({"GET", "POST"}, {OTHER_REPRESENTATIVE},
                        "any association's representative may nominate another for an award; empty, the form says "
                        "what is missing"),
    "grants:details": ({"GET", "POST"}, {OTHER_OFFICIAL}, "every official keeps organisation numbers and accounts "
                                                          "(grants.change_details); empty, the form says what is "
                                                          "missing"),
    "dialogue:survey_answer": ({"GET", "POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                               "anyone logged in may answer an open survey per person while its phase is under way; "
                               "empty, the form says what is missing (a draft's is 404)"),
    "dialogue:propose": ({"GET", "POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                         "anyone logged in may propose while the phase allows (dialogue.propose); empty, the form "
                         "says what is missing"),
    "dialogue:comment": ({"GET", "POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                         "anyone logged in may comment while the phase allows; empty, the form says what is missing"),
    "dialogue:follow": ({"POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                        "anyone logged in may follow a published dialogue"),
    "dialogue:follow_proposal": ({"POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                                 "anyone logged in may follow a proposal"),
    "dialogue:report_proposal": ({"GET", "POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                                 "anyone logged in may report a proposal; empty, the form asks what is wrong"),
    "dialogue:report_comment": ({"GET", "POST"}, {RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL},
                                "anyone logged in may report a comment; empty, the form asks what is wrong"),
}
# What those rights may write: whoever has them changes the object on purpose.
CHANGES_ALLOWED = {"networks:join", "grants:approve_document", "actors:verify", "actors:request_update", "activities:unfeature", "places:edit", "places:review",
                   "api:meetingplace-detail", "dialogue:follow", "dialogue:follow_proposal"}


def refused(response, route: Route) -> bool:
    if response.status_code in {401, 403, 404, 405}:
        return True
    if response.status_code in {301, 302}:
        location = response["Location"]
        return any(location.startswith(reverse(login)) for login in ("account_login", "admin:login"))
    return False


def allowed(route: Route, method: str, persona: str, response) -> bool:
    if refused(response, route):
        return True
    methods, _ = PUBLIC.get(route.name, (set(), ""))
    if method in methods:
        return True
    methods, personas, _ = ALLOWED_FOR.get(route.name, (set(), set(), ""))
    return method in methods and persona in personas


# ---------------------------------------------------------------- the scene


@pytest.fixture
def scene(actor, other_actor, representative, editor, official, resident, tmp_path, monkeypatch):
    Municipality.current()  # the configuration every page reads, created on first use
    office = official.office_memberships.get().office
    other_representative = UserFactory(first_name="Amal", last_name="Haddad", email="amal@example.org")
    MembershipFactory(actor=other_actor, user=other_representative, role=ActorMembership.Role.OWNER)
    other_official = OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret",
                                             user__first_name="Kim", user__last_name="Berg",
                                             user__email="kim@example.org").user

    activity = RegistrationActivityFactory(actor=actor, created_by=representative, title="Sittgympa",
                                           slug="sittgympa")
    occurrence = activity.occurrences.first()
    registration = RegistrationFactory(occurrence=occurrence, name="Nils Åberg", email="nils@example.org")
    office_activity = ActivityFactory(actor=None, office=office, created_by=official, title="Lovaktivitet",
                                      slug="lovaktivitet")
    draft = RegistrationActivityFactory(actor=actor, status=Activity.Status.DRAFT, title="Utkast", slug="utkast")
    today = timezone.localdate()
    feature = Feature.objects.create(activity=activity, starts_on=today, ends_on=today + timedelta(days=7),
                                     created_by=official)
    place = MeetingPlaceFactory(owner=actor, name="Träffpunkten", slug="traffpunkten")
    proposed_place = MeetingPlaceFactory(status="proposed", proposed_by=representative, slug="foreslagen")

    need = NeedFactory(office=None, actor=actor, contact=representative, slug="ledare-sittgympa")
    office_need = NeedFactory(office=office, contact=official, slug="lovledare")
    closed_need = NeedFactory(office=None, actor=actor, status="closed", slug="stangt")
    volunteer_user = UserFactory(first_name="Nora", last_name="Lind", email="nora@example.org")
    answer = AnswerFactory(need=need, user=volunteer_user)
    office_answer = AnswerFactory(need=office_need, user=volunteer_user)
    assignment = AssignmentFactory(need=office_need, volunteer=VolunteerFactory(
        user=volunteer_user, name="Nora Lind", email="nora@example.org"))

    case = CaseFactory(office=office, name="Greta Holm")
    office.committee = CommitteeFactory()
    office.save(update_fields=["committee"])
    grant_programme = GrantProgrammeFactory(committee=office.committee, slug="aktivitetsbidrag")
    application = SubmittedApplicationFactory(programme=grant_programme, actor=actor, applicant=representative)
    grant_draft = ApplicationFactory(programme=GrantProgrammeFactory(committee=office.committee), actor=actor)
    monkeypatch.setattr(grants_models.private, "_wrapped", FileSystemStorage(location=tmp_path))  # private files
    grant_attachment = Attachment.objects.create(application=grant_draft, label="Budget",
                                                 file=ContentFile(PDF, name="b.pdf"))
    grant_decision = decided(SubmittedApplicationFactory(programme=grant_programme), amount=5000)
    grant_report = grants_models.FollowUpReport.objects.create(
        application=decided(SubmittedApplicationFactory(programme=GrantProgrammeFactory(committee=office.committee), actor=actor), amount=4000
                            ).application, due_on=today - timedelta(days=30), attachment=ContentFile(PDF, name="r.pdf"))
    grant_award = GrantProgrammeFactory(committee=office.committee, kind="award", slug="utmarkelse", pool=10_000,
                                        opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=30))
    annual_document = grants_models.AnnualDocument.objects.create(actor=actor, year=2025, kind="accounts",
                                                                  file=ContentFile(PDF, name="a.pdf"))
    crisis = CrisisFactory(triage_offices=[office], started_by=official)
    help_request = HelpRequestFactory(crisis=crisis)
    helper = CrisisVolunteerFactory(crisis=crisis, confirm_token="riktig-kod", volunteer__name="Ola Berg",
                                    volunteer__email="ola@example.org", volunteer__phone="+46701740601")
    task = TaskFactory(help_request=help_request, volunteer=helper.volunteer)
    received = ReceivedSignUp.objects.create(crisis=crisis, data={"name": "Ali"}, language="sv", token=None)
    crisis_provider = HelpProvider.objects.create(crisis=crisis, actor=actor, contact_name="Eva Lindgren",
                                                  contact_phone="+46701740612", hours="Vardagar 9–17")
    provider_task = ProviderTask.objects.create(help_request=HelpRequestFactory(crisis=crisis), provider=crisis_provider)
    other_office = other_official.office_memberships.get().office
    programme = ProgrammeFactory(office=other_office, slug="vantjansten", name="Väntjänsten")
    draft_programme = ProgrammeFactory(office=other_office, slug="vanfamilj", name="Vänfamilj",
                                       kind=Programme.Kind.FRIEND_FAMILY, status=Programme.Status.DRAFT)
    match = MatchFactory(programme=programme, request__name="Greta Ek", offer__name="Per Ek",
                         status=Match.Status.ACTIVE)
    CoordinatorFactory(programme=programme, user__first_name="Birgitta", user__email="birgitta@example.org")
    proposal = ProposalFactory(run__programme=programme, programme=programme, request__name="Greta Holm",
                               offer__name="Karin Ek")
    regional_partner = RegionalPartner.objects.create(name="Upplands-Bro kommun", base_url="https://bro.example",
                                                      public_key="A" * 43 + "=")
    remote_match = RemoteMatch.objects.create(programme=programme, partner=regional_partner, direction="outgoing",
                                              status="proposed", request=proposal.request, offer_ref="a1",
                                              offer_name="Bro IK")
    group = GroupFactory(office=office, slug="oar-utan-granser", name="Öar utan gränser")
    group_membership = GroupMembershipFactory(group=group, user=official)
    closed_group = GroupFactory(office=office, slug="styrgruppen", kind="steering_group", is_public=False)
    council = CouncilFactory(office=office, committee=office.committee, slug="pensionarsradet")
    seat = SeatFactory(group=council, actor=actor, delegate=representative)
    group_meeting = GroupMeetingFactory(group=group, is_open=True)
    closed_meeting = GroupMeetingFactory(group=closed_group)
    point = PointFactory(meeting=group_meeting, owner_user=official)
    announcement, closed_announcement = (Announcement.objects.create(group=g, subject="Träff", body="Välkomna!",
                                                                     sent_by=official) for g in (group, closed_group))
    meeting_document, closed_document = (
        MeetingDocument.objects.create(meeting=m, label="Underlag", file=ContentFile(PDF, name="u.pdf"),
                                       uploaded_by=official) for m in (group_meeting, closed_meeting))
    partnership = PartnershipFactory(office=office, slug="laxhjalpen")
    private_partnership = PartnershipFactory(office=office, slug="internt", is_public=False)
    party = PartyFactory(partnership=partnership, actor=actor)
    contribution = ContributionFactory(party=party)
    partnership_goal = GoalFactory(partnership=partnership)
    milestone = MilestoneFactory(partnership=partnership)
    public_paper, private_paper = (
        PartnershipDocument.objects.create(partnership=partnership, title="Avtalet", visibility=visibility,
                                           file=ContentFile(PDF, name="avtal.pdf"))
        for visibility in (PartnershipDocument.Visibility.PUBLIC, PartnershipDocument.Visibility.PARTIES))
    idea = IdeaFactory(title="Reparationskafé", coach=CoachFactory(user__email="coach@example.org").user)
    public_idea = IdeaFactory(title="Språkcafé", is_public=True, coach=idea.coach)
    news_post = PostFactory(title="Språkcaféet växer", slug="sprakcafeet-vaxer")
    news_draft = PostFactory(title="Utkast till nyhet", slug="utkast-till-nyhet", status="draft")
    newsletter = NewsletterFactory(posts=[news_post], status="sent", sent_at=timezone.now())
    subscriber = SubscriberFactory(email="prenumerant@example.org", status="pending", confirmed_at=None)
    guide = make_guide(by=official, topic="office", office=office, title_sv="Kultur- och fritidskontoret")
    guide_services.edit_guide(by=official, guide=guide, data={"summary_sv": "Vad vi gör och vem du frågar."}, base=1)
    draft_guide = make_guide(by=official, topic="start_association", office=office, invited_actor=actor,
                             published=False, title_sv="Så startar du en förening")
    guide_services.edit_guide(by=representative, guide=draft_guide, data={"body_sv": "Kalla till möte."}, base=1)
    compact = CompactFactory(office=office, slug="lokal-overenskommelse")
    signature = SignatureFactory(compact=compact, actor=actor)
    survey = open_survey_with_phase(process__office=office, process__slug="dialog-om-fritiden", title="Fritidsenkät")
    survey_question = QuestionFactory(survey=survey)
    consulting = ConsultingProcessFactory(office=office, slug="nya-seniorsamtal")
    draft_consultation = ConsultationFactory(process=consulting, title="Utkast till remiss")
    sent_consultation = SentConsultationFactory(process=consulting, title="Remiss om seniorsamtal")
    recipient = RecipientFactory(consultation=sent_consultation, actor=actor)
    consultation_paper = DialogueDocument.objects.create(process=consulting, consultation=sent_consultation,
                                                         title="Förslaget", file=ContentFile(PDF, name="f.pdf"))
    draft_survey = SurveyFactory(process=survey.process, status="draft", title="Utkast till enkät")
    closed_survey = SurveyFactory(process=survey.process, status="closed", title="Stängd enkät")
    dialogue_process = DialogueProcessFactory(office=office, contact=official, slug="ungas-ekero")
    dialogue_draft = DialogueProcessFactory(office=office, slug="utkast-dialog", status="draft")
    dialogue_proposal = DialogueProposalFactory(process=dialogue_process, author=representative)
    dialogue_comment = DialogueCommentFactory(process=dialogue_process, author=representative)
    dialogue_report = DialogueReport.objects.create(proposal=dialogue_proposal, reporter=representative,
                                                    reason="Reklam")
    dialogue_given = DialogueItemFactory(process=dialogue_process, proposal=dialogue_proposal, owner=official,
                                         status="given", response="Gjort", given_at=timezone.now())
    dialogue_item = DialogueItemFactory(process=dialogue_process, comment=dialogue_comment, owner=official)
    dialogue_workshop = DialogueWorkshop.objects.create(process=dialogue_process, activity=office_activity)
    dialogue_document = DialogueDocument.objects.create(process=dialogue_process, title="Underlag",
                                                        file=ContentFile(PDF, name="u.pdf"))
    import_job = ImportJob.objects.create(kind="actors", original_name="register.csv", file_format="csv",
                                          headers=["Namn"], mapping={"name": 0})
    import_job.file.save("register.csv", ContentFile(b"Namn\r\nEkero Schackklubb\r\n"), save=True)
    calendar_feed = CalendarFeed.objects.create(url="https://kalender.example.org/schack.ics", actor=actor)
    export_job = ExportJob.objects.create(status=ExportJob.Status.QUEUED)
    office_report = OverviewReport.objects.create(kind="office", year=2026, office=office, status="done",
                                                  progress=100, pdf=ContentFile(PDF, name="r.pdf"),
                                                  csv=ContentFile(b"a,b", name="r.csv"))
    yearly_report = OverviewReport.objects.create(kind="yearly", year=2026, status="failed", attempts=3)
    plan = PlanFactory(office=office, slug="kultur-2026")
    draft_plan = PlanFactory(office=office, slug="kultur-utkast", status="draft")
    plan_goal = PlanGoalFactory(plan=plan)
    link, link_party, link_case, consent = held_link_case(office=office, actor=actor, handler=representative)
    forward_item = ForwardItemFactory(office=office, contact=official)
    return {
        "link": link, "link_party": link_party, "link_case": link_case, "consent": consent,
        "import_job": import_job, "calendar_feed": calendar_feed, "export_job": export_job,
        "office_report": office_report, "yearly_report": yearly_report,
        "actor": actor, "office": office, "editor_membership": actor.memberships.get(user=editor),
        "invitation": InvitationFactory(actor=actor, email="vanta@example.org", invited_by=representative),
        "activity": activity, "occurrence": occurrence, "office_activity": office_activity, "draft": draft,
        "feature": feature, "place": place, "proposed_place": proposed_place,
        "need": need, "office_need": office_need, "closed_need": closed_need, "answer": answer,
        "office_answer": office_answer, "assignment": assignment,
        "registration": registration, "case": case, "crisis": crisis, "help_request": help_request, "task": task,
        "helper": helper, "received": received, "crisis_provider": crisis_provider, "provider_task": provider_task,
        "programme": programme, "draft_programme": draft_programme, "proposal": proposal, "match": match,
        "remote_match": remote_match,
        "participant": match.request, "group": group, "group_membership": group_membership,
        "closed_group": closed_group, "council": council, "seat": seat, "group_meeting": group_meeting,
        "closed_meeting": closed_meeting, "point": point,
        "announcement": announcement, "closed_announcement": closed_announcement,
        "meeting_document": meeting_document, "closed_document": closed_document, "grant_programme": grant_programme, "application": application,
        "grant_draft": grant_draft, "grant_attachment": grant_attachment, "grant_decision": grant_decision,
        "annual_document": annual_document, "grant_report": grant_report,
        "grant_award": grant_award,
        "partnership": partnership, "private_partnership": private_partnership, "party": party,
        "contribution": contribution, "partnership_goal": partnership_goal, "milestone": milestone,
        "public_paper": public_paper, "private_paper": private_paper, "compact": compact, "signature": signature,
        "idea": idea, "public_idea": public_idea,
        "news_post": news_post, "news_draft": news_draft, "newsletter": newsletter, "subscriber": subscriber,
        "guide": guide, "draft_guide": draft_guide,
        "survey": survey, "survey_question": survey_question, "draft_survey": draft_survey,
        "closed_survey": closed_survey, "consulting": consulting, "draft_consultation": draft_consultation,
        "sent_consultation": sent_consultation, "recipient": recipient, "consultation_paper": consultation_paper,
        "dialogue_process": dialogue_process, "dialogue_draft": dialogue_draft, "dialogue_proposal": dialogue_proposal,
        "dialogue_comment": dialogue_comment, "dialogue_report": dialogue_report, "dialogue_given": dialogue_given,
        "dialogue_item": dialogue_item, "dialogue_workshop": dialogue_workshop, "dialogue_document": dialogue_document,
        "dialogue_phase": dialogue_process.phases.first(),
        "plan": plan, "draft_plan": draft_plan, "plan_goal": plan_goal,
        "plan_indicator": IndicatorFactory(goal=plan_goal), "plan_action": PlanActionFactory(plan=plan, owner=official),
        "inventory_row": InventoryFactory(office=office, contact=official),
        "forward_item": forward_item, "forward_draft": ForwardItemFactory(office=office, published_at=None),
        "forward_follow": Follow.objects.create(user=official, item=forward_item),
        "people": {ANONYMOUS: None, RESIDENT: resident, OTHER_REPRESENTATIVE: other_representative,
                   OTHER_OFFICIAL: other_official},
    }


# Rows that a refused request may write: the visitor's own session.
NOT_COMPARED = {"sessions.session"}
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def writes(queries) -> list[str]:
    """The statements that wrote to a table other than the sessions'."""
    return [q["sql"][:120] for q in queries if WRITES.match(q["sql"]) and "django_session" not in q["sql"]]


def checksum() -> dict[str, str]:
    """A digest of every row of every table (many-to-many tables too)."""
    digests = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in NOT_COMPARED or model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digests[model._meta.label_lower] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return digests


def changed(before: dict, after: dict) -> list[str]:
    return sorted(label for label in after if before.get(label) != after[label])


# ---------------------------------------------------------------- the tests

PARAMETERIZED = [route for route in routes() if route.parameters and set(route.parameters) != {"format"}]
FORMAT_ONLY = [route for route in routes() if set(route.parameters) == {"format"}]
GROUPS = sorted({route.namespace or "root" for route in PARAMETERIZED + FORMAT_ONLY})


def built_kwargs(route: Route, scene) -> list[dict]:
    built = builder_for(route)(scene)
    return [{k: str(v) for k, v in kwargs.items() if k in route.parameters}
            for kwargs in (built if isinstance(built, list) else [built])]


def urls_of(route: Route, scene) -> list[str]:
    urls = []
    for kwargs in built_kwargs(route, scene):
        urls.append(reverse(route.name, kwargs=kwargs) if not route.name.endswith(">") else fill(route.route, kwargs))
    return urls


def fill(route: str, kwargs: dict) -> str:
    """The address of an unnamed pattern (which `reverse` cannot make): its route with the
    parameters put in."""
    filled = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], route)
    filled = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m.group(1)], filled)
    return "/" + filled.replace("^", "").replace("$", "")


def methods_of(route: Route) -> list[str]:
    return ["GET", "POST", "PUT", "PATCH", "DELETE"] if route.is_api else ["GET", "POST"]


def test_every_address_with_a_parameter_has_a_builder(db):
    missing = [str(route) for route in PARAMETERIZED + FORMAT_ONLY if builder_for(route) is None]
    assert not missing, (
        "These addresses take parameters that tests/test_route_matrix.py cannot build yet. Add each to BUILDERS "
        "(URL name → the parameters, from objects in `scene`), and to PUBLIC or ALLOWED_FOR only if "
        "strangers are meant to get in:\n  " + "\n  ".join(missing))
    names = {route.name for route in PARAMETERIZED + FORMAT_ONLY}
    stale = sorted(set(BUILDERS) - names)
    assert not stale, f"BUILDERS names addresses that no longer exist: {stale}"
    assert not set(PUBLIC) - set(BUILDERS) and not set(ALLOWED_FOR) - set(BUILDERS)


def test_the_walk_finds_the_addresses_we_know(db):
    names = {route.name for route in PARAMETERIZED}
    assert {"actors:edit", "cases:case", "crisis:triage", "api:need-detail", "admin:accounts_user_change",
            "account_reset_password_from_key", "volunteers:log_hours"} <= names
    assert len(PARAMETERIZED) > 150


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("group", GROUPS)
def test_strangers_are_refused_and_nothing_changes(scene, group, persona, django_capture_on_commit_callbacks):
    client = Client()
    if (user := scene["people"][persona]) is not None:
        client.force_login(user)
    problems = []
    may_change = False
    before = checksum()
    for route in [r for r in PARAMETERIZED + FORMAT_ONLY if (r.namespace or "root") == group]:
        for url in urls_of(route, scene):
            for method in methods_of(route):
                call = getattr(client, method.lower())
                with django_capture_on_commit_callbacks(execute=False) as callbacks, \
                        CaptureQueriesContext(connection) as queries:
                    response = call(url, {}, content_type="application/json") if route.is_api and method != "GET" \
                        else call(url, {})
                said = f"{method} {url} [{route.name}] as {persona}"
                if not allowed(route, method, persona, response):
                    problems.append(f"{said}: {response.status_code} {response.get('Location', '')}")
                elif not refused(response, route) and route.name in CHANGES_ALLOWED:
                    may_change = True
                    continue
                if written := writes(queries.captured_queries):
                    problems.append(f"{said} wrote: {written}")
                if callbacks:
                    problems.append(f"{said} left work for the commit")
    if not may_change and (diff := changed(before, checksum())):
        problems.append(f"as {persona}, the tables {diff} changed")
    assert not problems, "\n".join(problems)


def test_the_builders_point_at_real_objects(scene, administrator):
    """The refusals above are not 404s of addresses that lead nowhere: for Maja, the
    administrator, each address with a real object in it exists (anything but 404)."""
    client = Client()
    client.force_login(administrator)
    missing = []
    for route in PARAMETERIZED + FORMAT_ONLY:
        for kwargs, url in zip(built_kwargs(route, scene), urls_of(route, scene), strict=True):
            if GUESSED in "".join(map(str, kwargs.values())) or route.name in NOT_FOUND_FOR_EVERYONE:
                continue
            if client.get(url).status_code == 404:
                missing.append(f"{url} [{route.name}]")
    assert not missing, "\n".join(missing)


def test_the_matrix_sees_a_hole(db):
    """A page that let a stranger in, sent him anywhere but to log in, or wrote for him,
    would be reported."""
    route = next(r for r in PARAMETERIZED if r.name == "actors:edit")

    class Answer(dict):
        def __init__(self, status_code, **headers):
            super().__init__(headers)
            self.status_code = status_code

    assert not allowed(route, "GET", RESIDENT, Answer(200))
    assert not allowed(route, "POST", RESIDENT, Answer(302, Location="/aktorer/parkinson-ekero/"))
    assert allowed(route, "POST", RESIDENT, Answer(302, Location="/konto/login/?next=/aktorer/"))
    assert allowed(route, "POST", RESIDENT, Answer(403))
    assert writes([{"sql": 'UPDATE "actors_actor" SET "name" = %s'}, {"sql": "SELECT 1"},
                   {"sql": 'UPDATE "django_session" SET "expire_date" = %s'}]) == ['UPDATE "actors_actor" SET "name" = %s']

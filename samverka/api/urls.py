from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from samverka.activities.api import ActivityViewSet, MeetingPlaceViewSet, OccurrenceViewSet
from samverka.actors.api import ActorViewSet
from samverka.dialogue.api import ProcessViewSet
from samverka.grants.api import DecisionViewSet
from samverka.guides.api import GuideViewSet
from samverka.ideas.api import IdeaViewSet
from samverka.needs.api import NeedViewSet
from samverka.networks.api import GroupViewSet
from samverka.partnerships.api import PartnershipViewSet
from samverka.plans.api import ForwardItemViewSet

from .views import not_found

router = DefaultRouter()
router.register("actors", ActorViewSet, basename="actor")
router.register("activities", ActivityViewSet, basename="activity")
router.register("occurrences", OccurrenceViewSet, basename="occurrence")
router.register("meeting-places", MeetingPlaceViewSet, basename="meetingplace")
router.register("needs", NeedViewSet, basename="need")
router.register("grant-decisions", DecisionViewSet, basename="grantdecision")
router.register("partnerships", PartnershipViewSet, basename="partnership")
router.register("dialogue-processes", ProcessViewSet, basename="dialogueprocess")
router.register("forward-items", ForwardItemViewSet, basename="forwarditem")
router.register("ideas", IdeaViewSet, basename="idea")
router.register("groups", GroupViewSet, basename="group")
router.register("guides", GuideViewSet, basename="guide")

app_name = "api"
urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("v1/", include(router.urls)),
    re_path(r"^(?P<rest>.*)$", not_found, name="not_found"),  # last: whatever else is asked for under /api/
]

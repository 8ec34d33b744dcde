"""All the addresses of matching programmes: the public side's (urls_public.py) and the
coordinator's (views_coordinator.py), under /matchning/."""

from django.urls import path

from . import urls_public
from . import views_coordinator as coordinate
from . import views_regional as regional

app_name = "matching"

urlpatterns = [
    path("<slug:slug>/samordna/", coordinate.dashboard, name="coordinate"),
    path("<slug:slug>/samordna/kor/", coordinate.run, name="run"),
    path("<slug:slug>/samordna/forslag/", coordinate.review, name="review"),
    path("<slug:slug>/samordna/forslag/<int:pk>/", coordinate.decide, name="decide"),
    path("<slug:slug>/samordna/vantar/", coordinate.waiting, name="waiting"),
    path("<slug:slug>/samordna/matchningar/<int:pk>/", coordinate.match_page, name="coordinate_match"),
    path("<slug:slug>/samordna/matchningar/<int:pk>/avsluta/", coordinate.end_match, name="end_match"),
    path("<slug:slug>/samordna/matchningar/<int:pk>/uppfoljning/", coordinate.check_in, name="note_check_in"),
    path("<slug:slug>/samordna/deltagare/<int:pk>/", coordinate.participant, name="coordinate_participant"),
    path("<slug:slug>/samordna/deltagare/<int:pk>/pausa/", coordinate.pause, name="pause"),
    path("<slug:slug>/samordna/installningar/", coordinate.settings_page, name="settings"),
    path("<slug:slug>/samordna/samordnare/", coordinate.add_coordinator, name="add_coordinator"),
    path("<slug:slug>/samordna/regionalt/", regional.coordinator_page, name="regional"),
    path("<slug:slug>/samordna/regionalt/hamta/", regional.fetch, name="regional_fetch"),
    path("<slug:slug>/samordna/regionalt/<int:pk>/", regional.decide, name="regional_decide"),
] + urls_public.urlpatterns

"""The setup app's addresses."""

from django.urls import path

from . import views

app_name = "setup"
urlpatterns = [
    path("", views.index, name="index"),
    path("import/ny/", views.upload, name="upload"),
    path("import/<int:pk>/", views.import_job, name="import"),
    path("import/<int:pk>/avvisade-rader.csv", views.refused_rows, name="refused_rows"),
    path("kalendrar/", views.feeds, name="feeds"),
    path("kalendrar/<int:pk>/synka/", views.sync_feed, name="sync_feed"),
    path("kalendrar/<int:pk>/ta-bort/", views.remove_feed, name="remove_feed"),
    path("export/", views.export, name="export"),
    path("export/<int:pk>/", views.download_export, name="download_export"),
    path("kom-igang/", views.checklist, name="checklist"),
    path("kom-igang/namn/", views.guide_name, name="guide_name"),
    path("kom-igang/logotyp/", views.guide_logo, name="guide_logo"),
    path("kom-igang/farger/", views.guide_colours, name="guide_colours"),
    path("kom-igang/forvaltningar/", views.guide_offices, name="guide_offices"),
    path("kom-igang/kommundelar/", views.guide_places, name="guide_places"),
    path("kom-igang/program/", views.guide_programmes, name="guide_programmes"),
    path("kom-igang/texter/", views.guide_texts, name="guide_texts"),
    path("kom-igang/meddelanden/", views.guide_messages, name="guide_messages"),
]

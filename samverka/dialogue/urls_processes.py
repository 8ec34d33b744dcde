from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("nytt/", views.process_new, name="process_new"),
    path("aterkoppling/", views.feedback_list, name="feedback_list"),
    path("aterkoppling/<int:pk>/", views.feedback, name="feedback"),
    path("aterkoppling/<int:pk>/ge/", views.give_feedback, name="give_feedback"),
    path("aterkoppling/<int:pk>/flytta/", views.reassign, name="reassign"),
    path("forslag/<int:pk>/", views.proposal, name="proposal"),
    path("forslag/<int:pk>/folj/", views.follow, name="follow_proposal"),
    path("forslag/<int:pk>/anmal/", views.report, {"kind": "forslag"}, name="report_proposal"),
    path("forslag/<int:pk>/dolj/", views.hide, {"kind": "forslag"}, name="hide_proposal"),
    path("kommentarer/<int:pk>/anmal/", views.report, {"kind": "kommentarer"}, name="report_comment"),
    path("kommentarer/<int:pk>/dolj/", views.hide, {"kind": "kommentarer"}, name="hide_comment"),
    path("anmalningar/<int:pk>/avvisa/", views.dismiss, name="dismiss"),
    path("dokument/<int:pk>/", views.document, name="document"),
    path("<slug:slug>/", views.process, name="process"),
    path("<slug:slug>/andra/", views.process_edit, name="process_edit"),
    path("<slug:slug>/faser/ny/", views.phase, name="phase_new"),
    path("<slug:slug>/faser/<int:pk>/", views.phase, name="phase"),
    path("<slug:slug>/publicera/", views.publish, name="publish"),
    path("<slug:slug>/dokument/", views.documents, name="documents"),
    path("<slug:slug>/avsluta/", views.close, name="close"),
    path("<slug:slug>/foresla/", views.propose, name="propose"),
    path("<slug:slug>/kommentera/", views.comment, name="comment"),
    path("<slug:slug>/folj/", views.follow, name="follow"),
    path("<slug:slug>/moderering/", views.moderation, name="moderation"),
    path("<slug:slug>/workshoppar/ny/", views.workshop, name="workshop_new"),
    path("<slug:slug>/workshoppar/<int:pk>/", views.workshop, name="workshop"),
    path("<slug:slug>/workshoppar/<int:pk>/punkt/", views.workshop_point, name="workshop_point"),
]

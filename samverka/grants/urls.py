from django.urls import path

from . import views

app_name = "grants"
urlpatterns = [
    path("", views.index, name="index"),
    path("beslut/", views.decisions, name="decisions"),
    path("mina/", views.mine, name="mine"),
    path("program/nytt/", views.programme_form, name="new_programme"),
    path("program/<slug:slug>/", views.programme, name="programme"),
    path("program/<slug:slug>/andra/", views.programme_form, name="edit_programme"),
    path("program/<slug:slug>/ansok/", views.apply, name="apply"),
    path("program/<slug:slug>/nominera/", views.nominate, name="nominate"),
    path("program/<slug:slug>/arenden/", views.cases, name="cases"),
    path("program/<slug:slug>/fordelning/", views.allocation, name="allocation"),
    path("ansokan/<int:pk>/", views.application, name="application"),
    path("ansokan/<int:pk>/kvitto/", views.receipt, name="receipt"),
    path("ansokan/<int:pk>/bedom/", views.review, name="review"),
    path("ansokan/<int:pk>/beslut/", views.decide, name="decide"),
    path("ansokan/<int:pk>/utbetalning/", views.payout, name="payout"),
    path("ansokan/<int:pk>/beslutsbrev/", views.decision_letter, name="decision_letter"),
    path("ansokan/<int:pk>/uppfoljning/", views.report, name="report"),
    path("ansokan/<int:pk>/utlamnande/", views.disclosure, name="disclosure"),
    path("ansokan/<int:pk>/uppfoljning/fil/", views.report_file, name="report_file"),
    path("ansokan/<int:pk>/aterkrav/", views.reclaim, name="reclaim"),
    path("program/<slug:slug>/uppfoljning/", views.follow_up, name="follow_up"),
    path("bilaga/<int:pk>/", views.attachment_file, name="attachment"),
    path("bilaga/<int:pk>/ta-bort/", views.remove_attachment, name="remove_attachment"),
    path("arsdokument/", views.documents_to_check, name="documents_to_check"),
    path("arsdokument/<int:pk>/", views.annual_document_file, name="annual_document"),
    path("arsdokument/<int:pk>/godkann/", views.approve_annual_document, name="approve_document"),
    path("arsdokument/<int:pk>/returnera/", views.return_annual_document, name="return_document"),
    path("forening/<slug:actor>/arsdokument/", views.annual_documents, name="annual_documents"),
    path("forening/<slug:actor>/uppgifter/", views.details, name="details"),
    path("namnd/<slug:committee>/mote/<str:meeting>/", views.decision_list, name="decision_list"),
]

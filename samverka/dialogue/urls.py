"""The dialogue app's addresses, under /dialog/. Each part keeps its own list: consultations
(`urls_consultations`, under remisser/), surveys (`urls_surveys`, under enkater/), and processes,
proposals, comments, moderation and feedback (`urls_processes`), last, because a process's
address is its slug."""

from . import urls_consultations, urls_processes, urls_surveys

app_name = "dialogue"
urlpatterns = urls_consultations.urlpatterns + urls_surveys.urlpatterns + urls_processes.urlpatterns

"""The addresses of matching programmes. (In this branch only the public side; the
coordinators' addresses join them when the two sides are merged.)"""

from . import urls_public

app_name = "matching"

urlpatterns = [] + urls_public.urlpatterns

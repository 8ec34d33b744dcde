from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from samverka.core import views as core_views
from samverka.municipality import views as municipality_views
from samverka.portal import views as portal_views

admin.site.site_header = "Samverka"
# The admin's own log-in page would skip two-factor and the rate limits: use allauth's.
admin.site.login = secure_admin_login(admin.site.login)
# Every uncaught exception ends here; an unreachable database answers 503, not 500, and
# under /api/ the answer is JSON.
handler500 = "samverka.core.unavailable.server_error"
# allauth's answer at a rate limit (log-in, sign-up, password reset): our page, with Retry-After.
handler429 = "samverka.accounts.ratelimits.handler429"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path("theme.css", municipality_views.theme_css, name="theme_css"),
    path("api/", include("samverka.api.urls")),
]
if settings.DEBUG:  # uploads; in production the web server or object storage serves MEDIA_ROOT
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
if settings.BENCHMARK_FLOOR:
    urlpatterns += [path("", include("bench.urls"))]

urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("unga/", portal_views.youth, name="youth"),
    path("aktorer/", include("samverka.actors.urls")),
    path("kunskapsbank/", include("samverka.guides.urls")),
    path("aktiviteter/", include("samverka.activities.urls")),
    path("motesplatser/", include("samverka.activities.place_urls")),
    path("behov/", include("samverka.needs.urls")),
    path("bidrag/", include("samverka.grants.urls")),
    path("grupper/", include("samverka.networks.urls")),
    path("dialog/", include("samverka.dialogue.urls")),
    path("idelabbet/", include("samverka.ideas.urls")),
    path("partnerskap/", include("samverka.partnerships.urls")),
    path("volontarer/", include("samverka.volunteers.urls")),
    path("vag-in/", include("samverka.cases.urls")),
    path("kris/", include("samverka.crisis.urls")),
    path("matchning/", include("samverka.matching.urls")),
    path("handlingsplaner/", include("samverka.plans.urls")),
    path("oversikt/", include("samverka.overview.urls")),
    path("agenda-2030/", include("samverka.overview.urls_goals")),
    path("nyheter/", include("samverka.news.urls")),
    path("installning/", include("samverka.setup.urls")),
    path("konto/", include("samverka.portal.urls")),
    path("konto/", include("allauth.urls")),
    path("tillganglighet/", core_views.accessibility, name="accessibility"),
    path("personuppgifter/", core_views.privacy, name="privacy"),
    path("sakerhet/", core_views.security_policy, name="security_policy"),
    path("stilguide/", core_views.styleguide, name="styleguide"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

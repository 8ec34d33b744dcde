"""Every page is valid HTML: the Nu HTML Checker (vnu) finds no error on the public pages
and the main pages of each demo account, in Swedish, English and Arabic, with the demo
municipality loaded and a crisis under way.

The pages are rendered by the test client and checked in one run of vnu (the JVM starts
slowly). vnu comes from the npm package vnu-jar, installed by `.ci/run` into a cache
outside the repository, and runs on the system's Java (`apt-get install default-jre-headless`).
VNU_JAR names the jar if it is elsewhere. Without Java or the jar the test is skipped,
except in CI (CI=true), where it fails.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from samverka.core.ratelimit import too_many_requests

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]
DEFAULT_JAR = Path.home() / ".cache" / "samverka" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (url name, arguments, query string) of the pages everyone can open.
PUBLIC = [
    ("home", [], ""), ("youth", [], ""), ("actors:directory", [], ""), ("actors:detail", ["parkinson-ekero"], ""),
    ("activities:calendar", [], ""), ("activities:calendar", [], "?view=week"),
    ("activities:calendar", [], "?view=month"), ("places:list", [], ""), ("needs:index", [], ""),
    ("plans:index", [], ""), ("plans:inventory", [], ""), ("plans:detail", ["kultur-och-fritid-2026-2028"], ""),
    ("cases:new", [], ""), ("volunteers:index", [], ""), ("crisis:index", [], ""), ("crisis:offer", [], ""),
    ("crisis:request", [], ""), ("matching:programmes", [], ""), ("matching:programme", ["vantjansten"], ""),
    ("matching:sign_up", ["vantjansten", "be-om"], ""), ("matching:sign_up", ["vantjansten", "ge"], ""),
    ("matching:sign_up", ["aterbruk", "ge"], ""), ("matching:sign_up", ["vanfamilj", "be-om"], ""),
    ("privacy", [], ""), ("accessibility", [], ""), ("security_policy", [], ""),
    ("styleguide", [], ""), ("dialogue:index", [], ""), ("dialogue:process", ["ungas-ekero"], ""),
    ("dialogue:process", ["dialogen-2017"], ""), ("news:list", [], ""), ("news:subscribe", [], ""),
    ("guides:index", [], ""), ("guides:guide", ["sa-soker-du-bidrag"], ""), ("guides:search", [], "?q=bidrag"),
    ("account_login", [], ""), ("account_signup", [], ""), ("account_reset_password", [], ""),
]
# Pages every logged-in person has.
MINE = [("accounts:dashboard", []), ("accounts:profile", []), ("accounts:my_data", []), ("accounts:delete", []),
        ("volunteers:index", []), ("volunteers:profile", []), ("needs:mine", []), ("cases:mine", []),
        ("activities:my_registrations", []), ("account_email", []), ("account_change_password", [])]
# The demo accounts and the pages of their roles.
PERSONAS = {
    "admin@samverka.example": [("crisis:requests", []), ("crisis:overview", []),
                               ("actors:create", [])],
    "processledare@samverka.example": [("crisis:index", [])],
    "handlaggare@samverka.example": [("cases:inbox", []), ("needs:create", []), ("activities:create", []),
                                     ("dialogue:feedback_list", []), ("dialogue:process_new", []),
                                     ("dialogue:process", ["ungas-ekero"]), ("guides:new", []),
                                     ("guides:edit", ["sa-soker-du-bidrag"]), ("guides:history", ["sa-soker-du-bidrag"])],
    "socialkontoret@samverka.example": [("cases:inbox", []), ("crisis:requests", []), ("crisis:desk_request", [])],
    "forening@samverka.example": [("actors:edit", ["parkinson-ekero"]), ("actors:people", ["parkinson-ekero"]),
                                  ("actors:history", ["parkinson-ekero"]), ("needs:create", []),
                                  ("activities:create", [])],
    "redaktor@samverka.example": [("actors:edit", ["parkinson-ekero"])],
    "invanare@samverka.example": [],
}


def vnu_command() -> list[str]:
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR", DEFAULT_JAR))
    if java and jar.exists():
        return [java, "-Xss1024k", "-jar", str(jar)]
    reason = f"the Nu HTML Checker needs Java and {jar} (bash .ci/run installs both)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def url(name: str, args, language: str, query: str = "") -> str:
    with translation.override(language):
        return reverse(name, args=args) + query


@pytest.fixture
def demo(db):
    """The demo municipality, with a crisis under way so that its forms and lists show."""
    from samverka.accounts.models import User
    from samverka.crisis import services as crisis
    from samverka.municipality.models import Office
    from samverka.volunteers.models import HelpKind

    call_command("load_demo", stdout=open(os.devnull, "w"))
    crisis.start_crisis(by=User.objects.get(email="admin@samverka.example"), name="Storm på öarna",
                        message="Hjälp grannar som saknar ström.", help_kinds=list(HelpKind.objects.all()[:4]),
                        triage_offices=[Office.objects.get(slug="socialkontoret")])


def render_pages(folder: Path) -> dict[Path, str]:
    """Every page in every language, written to `folder`; returns file → address."""
    from samverka.accounts.models import User
    from samverka.activities.models import Activity
    from samverka.needs.models import Need

    activity = Activity.objects.filter(status=Activity.Status.PUBLISHED).order_by("pk").first()
    need = Need.objects.filter(status=Need.Status.OPEN).order_by("pk").first()
    pages = {}

    def save(client, address, label):
        response = client.get(address)
        assert response.status_code == 200, f"{label} {address} answers {response.status_code}"
        path = folder / f"{len(pages):03d}.html"
        path.write_bytes(response.content)
        pages[path] = f"{label} {address}"

    def save_page(content: bytes, label):
        path = folder / f"{len(pages):03d}.html"
        path.write_bytes(content)
        pages[path] = label

    occurrence = activity.occurrences.order_by("start").first()
    factory = RequestFactory()
    for language in LANGUAGES:
        visitor = Client()
        for name, args, query in PUBLIC:
            save(visitor, url(name, args, language, query), "visitor")
        save(visitor, url("activities:detail", [activity.slug], language), "visitor")
        save(visitor, url("needs:detail", [need.slug], language), "visitor")
        save(visitor, url("activities:registration_sent", [activity.slug, occurrence.pk], language), "visitor")
        # The pages of a limit and of a fault, as their handlers render them.
        with translation.override(language):
            request = factory.get(url("account_login", [], language))
            request.user, request.LANGUAGE_CODE = AnonymousUser(), language
            save_page(too_many_requests(request, retry_after=300).content, f"429 page ({language})")
            save_page(render_to_string("503.html", {"again": "/"}).encode(), f"503 page ({language})")
        for email, extra in PERSONAS.items():
            client = Client()
            client.force_login(User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend")
            for name, args in MINE + extra:
                save(client, url(name, args, language), email)
        save_grant_pages(save, language)
    return pages


def save_grant_pages(save, language: str) -> None:
    """The grants pages: public decisions and programmes, the application (draft and sent),
    its receipt and follow-up, and the officials' pages, as the demo's people see them."""
    from samverka.accounts.models import User
    from samverka.grants.models import Application, FollowUpReport, GrantProgramme

    visitor = Client()
    save(visitor, url("grants:index", [], language), "visitor")
    save(visitor, url("grants:decisions", [], language), "visitor")
    for programme in GrantProgramme.objects.order_by("pk"):
        save(visitor, url("grants:programme", [programme.slug], language), "visitor")

    def client_for(email):
        client = Client()
        client.force_login(User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend")
        return client

    eva = client_for("forening@samverka.example")
    draft = Application.objects.filter(applicant__email="forening@samverka.example", status="draft").first()
    sent = Application.objects.filter(actor__slug="parkinson-ekero").exclude(status="draft").order_by("pk").first()
    report = FollowUpReport.objects.filter(application=sent).first()
    for name, args in [("grants:mine", []), ("grants:application", [draft.pk]), ("grants:application", [sent.pk]),
                       ("grants:receipt", [sent.pk]), ("grants:apply", [draft.programme.slug]),
                       ("grants:annual_documents", ["parkinson-ekero"]), ("grants:details", ["parkinson-ekero"])]:
        save(eva, url(name, args, language), "forening@samverka.example")
    if report is not None:
        save(eva, url("grants:report", [sent.pk], language), "forening@samverka.example")
    award = GrantProgramme.objects.filter(kind="award").order_by("-year").first()
    save(eva, url("grants:nominate", [award.slug], language), "forening@samverka.example")
    past = FollowUpReport.objects.filter(submitted_at__isnull=False).order_by("pk").first()
    save(client_for("namndsekreterare@samverka.example"), url("grants:report", [past.application_id], language),
         "namndsekreterare@samverka.example")
    secretary = client_for("namndsekreterare@samverka.example")
    official = client_for(User.objects.filter(office_memberships__office__slug="socialkontoret").first().email)
    case = Application.objects.filter(programme__committee__slug="socialnamnden", status="submitted").first()
    decided = Application.objects.filter(programme__committee__slug="socialnamnden", status="decided",
                                         decision__isnull=False).select_related("decision", "programme__committee"
                                                                                ).first()
    programme = case.programme
    for name, args in [("grants:cases", [programme.slug]), ("grants:allocation", [programme.slug]),
                       ("grants:follow_up", [decided.programme.slug]), ("grants:review", [case.pk]),
                       ("grants:edit_programme", [programme.slug]), ("grants:new_programme", []),
                       ("grants:documents_to_check", []), ("grants:details", ["parkinson-ekero"]),
                       ("grants:annual_documents", ["parkinson-ekero"])]:
        save(official, url(name, args, language), "socialkontoret")
    for name, args in [("grants:decide", [case.pk]), ("grants:reclaim", [decided.pk]),
                       ("grants:decision_list", [decided.programme.committee.slug,
                                                 decided.decision.meeting_date.isoformat()])]:
        save(secretary, url(name, args, language), "namndsekreterare@samverka.example")


def test_every_page_is_valid_html(demo, tmp_path):
    command = vnu_command()
    pages = render_pages(tmp_path)

    result = subprocess.run([*command, "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)

    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{pages[Path(m['url'].removeprefix('file:'))]} line {m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
    assert len(pages) > 3 * len(PUBLIC)

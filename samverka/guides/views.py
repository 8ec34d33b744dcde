from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page

from . import selectors, services
from .forms import GuideForm, SearchForm
from .models import Guide, Topic

PAGE_SIZE = 30


def _guides(user):
    return Guide.objects.visible_to(user)


# ---------------------------------------------------------------- everyone


@require_GET
@cache_public_page("guides", "municipality")
def index(request):
    """The guides by topic: the topics with their numbers, and the guides of one (?amne=) or all."""
    form = SearchForm(request.GET or None)
    topic = form.value("amne")
    visible = _guides(request.user)
    rows = visible.filter(topic=topic) if topic else visible
    page = Paginator(rows.order_by("topic", "sort_title", "pk").for_cards(), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "guides/index.html", {
        "form": form, "topic": topic, "topic_label": dict(Topic.choices).get(topic, ""),
        "topics": selectors.topics(visible), "page": page, "cards": selectors.cards(page.object_list),
    })


@require_GET
@cache_public_page("guides", "municipality")
def search(request):
    """Search on title, summary and text, Swedish-aware (å/ä/ö folded, endings stemmed), the
    title counting most; the topic as a filter."""
    form = SearchForm(request.GET or None)
    query, topic = form.value("q").strip(), form.value("amne")
    page = cards = None
    if query:
        rows = _guides(request.user)
        if topic:
            rows = rows.filter(topic=topic)
        page = Paginator(rows.search(query).for_cards("rank"),
                         PAGE_SIZE).get_page(request.GET.get("page"))
        cards = selectors.cards(page.object_list)
    return render(request, "guides/search.html", {"form": form, "query": query, "page": page, "cards": cards})


@require_GET
def topic(request, topic):
    """The stable address of a topic, for links from the rest of the platform: its one
    published guide, its list when there are several, a polite page when there is none yet."""
    if topic not in Topic.values:
        raise Http404
    slugs = list(Guide.objects.published().filter(topic=topic).order_by("sort_title", "pk")
                 .values_list("slug", flat=True)[:2])
    if len(slugs) == 1:
        return redirect("guides:guide", slugs[0])
    if len(slugs) > 1:
        return redirect(reverse("guides:index") + f"?amne={topic}")
    return render(request, "guides/topic_empty.html", {"topic_label": dict(Topic.choices)[topic]})


@require_GET
@cache_public_page("guides", "municipality")
def guide(request, slug):
    guide = get_for_user(_guides(request.user).select_related("office", "invited_actor"), request.user, slug=slug)
    return render(request, "guides/guide.html", {
        "guide": guide, "shown": selectors.shown(guide), "topic_label": guide.get_topic_display(),
    })


# ---------------------------------------------------------------- writers


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    if not request.user.has_perm("guides.add_guide"):
        raise PermissionDenied
    form = GuideForm(request.POST or None, initial={"topic": request.GET.get("amne", "")})
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: reverse("guides:guide", args=[services.create_guide(
                    by=request.user, data=form.values(), note=form.cleaned_data["note"]).slug]))
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The guide is saved as a draft. Read it through, then publish it."))
                return redirect(url)
    return render(request, "guides/edit.html", {"form": form, "guide": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    guide = get_for_user(_guides(request.user), request.user, perm="guides.change_guide", slug=slug)
    facts = request.user.has_perm("guides.publish_guide", guide)
    conflict = None
    if request.method == "POST":
        form = GuideForm(request.POST, facts=facts)
        if form.is_valid():
            base = form.cleaned_data["base"]
            try:
                version = services.edit_guide(by=request.user, guide=guide, data=form.values(),
                                              base=guide.version if base is None else base,
                                              note=form.cleaned_data["note"])
            except services.EditConflict as error:
                # The form now stands on the latest version: saving again, knowingly, replaces it.
                conflict = error
                form.data = form.data.copy()
                form.data["base"] = str(error.guide.version)
                form.add_error(None, str(error))
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your change is saved.") if version else _("Nothing was changed."))
                return redirect(guide.get_absolute_url())
    else:
        form = GuideForm(initial=GuideForm.initial_for(guide), facts=facts)
    return render(request, "guides/edit.html", {"form": form, "guide": guide, "conflict": conflict},
                  status=409 if conflict else 200)


@login_required
@require_POST
def publish(request, slug):
    guide = get_for_user(_guides(request.user), request.user, perm="guides.publish_guide", slug=slug)
    try:
        if request.POST.get("action") == "unpublish":
            services.unpublish_guide(by=request.user, guide=guide)
            messages.success(request, _("The guide is a draft again and no longer shown to everyone."))
        else:
            services.publish_guide(by=request.user, guide=guide)
            messages.success(request, _("The guide is published. Everyone can read it now."))
    except ActionError as error:
        messages.error(request, str(error))
    return redirect(guide.get_absolute_url())


@login_required
@require_GET
def history(request, slug):
    """Every version, and what changed between two of them (?fran=&till=, the latest two by default)."""
    guide = get_for_user(_guides(request.user), request.user, perm="guides.view_history", slug=slug)
    versions = list(selectors.history(guide))
    try:
        new = int(request.GET.get("till") or guide.version)
        old = int(request.GET.get("fran") or new - 1)
    except ValueError:
        new, old = guide.version, guide.version - 1
    comparison = selectors.compare(guide, old, new) if old != new else None
    return render(request, "guides/history.html", {
        "guide": guide, "versions": versions, "comparison": comparison, "old": old, "new": new,
        "may_restore": request.user.has_perm("guides.change_guide", guide),
    })


@login_required
@require_POST
def restore(request, slug, number):
    guide = get_for_user(_guides(request.user), request.user, perm="guides.change_guide", slug=slug)
    try:
        version = services.restore_version(by=request.user, guide=guide, number=number)
    except ActionError as error:
        messages.error(request, str(error))
        return redirect("guides:history", guide.slug)
    messages.success(request, _("Version %(old)s is the guide's text again, saved as version %(new)s.")
                     % {"old": number, "new": version.number})
    return redirect(guide.get_absolute_url())

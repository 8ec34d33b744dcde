from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.core.ratelimit import too_many_requests

from . import feeds, selectors, services
from .forms import NewsletterForm, PostForm, SubscribeForm
from .models import Newsletter, Post

PAGE_SIZE = 12
# Subscribing is rare for a person; a robot that fills in addresses does it often.
SUBSCRIBE_RATE = "10/15m"
SUBSCRIBE_RETRY_AFTER = 15 * 60
# The links of the e-mails (confirm, unsubscribe): the link is the key.
LINK_RATE = "30/h"
LINK_RETRY_AFTER = 60 * 60


def _limited(request, group, rate):
    return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True)


# ---------------------------------------------------------------- everyone


@require_GET
@cache_public_page("news", "actors", moment=selectors.publication_moment)
def post_list(request):
    page = Paginator(selectors.public_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"page": page, "subscribe_form": SubscribeForm()})


@require_GET
@cache_public_page("news", "actors", "activities", moment=selectors.publication_moment)
def post(request, slug):
    item = get_for_user(selectors.with_details(Post.objects.visible_to(request.user)), request.user, slug=slug)
    return render(request, "news/post.html", {"post": item})


rss = require_GET(cache_public_page("news", "actors", moment=selectors.publication_moment)(feeds.NewsRss()))
atom = require_GET(cache_public_page("news", "actors", moment=selectors.publication_moment)(feeds.NewsAtom()))


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The newsletter: an address, then a link to confirm it (double opt-in)."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            if _limited(request, "news.subscribe", SUBSCRIBE_RATE):
                return too_many_requests(request, retry_after=SUBSCRIBE_RETRY_AFTER, template="news/subscribe.html",
                                         context={"form": form})
            if services.too_busy():
                return too_many_requests(request, retry_after=60 * 60, template="news/subscribe.html",
                                         context={"form": form, "busy": True})
            services.subscribe(by=request.user, email=form.cleaned_data["email"])
            return redirect("news:subscribe_sent")
    else:
        form = SubscribeForm()
    return render(request, "news/subscribe.html", {"form": form})


@require_GET
def subscribe_sent(request):
    return render(request, "news/subscribe_sent.html")


def _link_page(request, template, context, *, status=200):
    response = render(request, template, context, status=status)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The confirmation link: a page with one button (a mail program that opens links to
    check them confirms nothing), then the subscription is confirmed."""
    if not services.check_confirm_token(token):
        return _link_page(request, "news/confirm.html", {"outcome": "invalid"}, status=404)
    if request.method == "POST":
        if _limited(request, "news.link", LINK_RATE):
            return too_many_requests(request, retry_after=LINK_RETRY_AFTER)
        outcome = services.confirm_subscription(by=request.user, token=token)
        return _link_page(request, "news/confirm.html", {"outcome": outcome, "done": True},
                          status=404 if outcome == services.Outcome.INVALID else 200)
    return _link_page(request, "news/confirm.html", {"outcome": None})


@csrf_exempt  # RFC 8058: the mail program posts "List-Unsubscribe=One-Click" without a form of ours
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click: a POST (from the mail program, or the page's one button) unsubscribes, no
    login needed; a GET shows the page with the button."""
    if not services.check_unsubscribe_token(token):
        return _link_page(request, "news/unsubscribe.html", {"outcome": "invalid"}, status=404)
    if request.method == "POST":
        if _limited(request, "news.link", LINK_RATE):
            return too_many_requests(request, retry_after=LINK_RETRY_AFTER)
        outcome = services.unsubscribe(by=request.user, token=token)
        return _link_page(request, "news/unsubscribe.html", {"outcome": outcome, "done": True},
                          status=404 if outcome == services.Outcome.INVALID else 200)
    return _link_page(request, "news/unsubscribe.html", {"outcome": None})


# ---------------------------------------------------------------- officials


def _post_form(request, form, template, context):
    return render(request, template, {"form": form, **context}, status=400 if form.is_bound else 200)


def _problem(form, error):
    form.add_error(getattr(error, "field", None), str(error))


@login_required
@require_http_methods(["GET", "POST"])
def new_post(request):
    if not request.user.has_perm("news.add_post"):
        raise PermissionDenied
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = PostForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                url = once(request, lambda: services.create_post(
                    by=request.user, data=form.post_data()).get_absolute_url())
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The news post is saved."))
                return redirect(url)
    else:
        form = PostForm(user=request.user)
    return _post_form(request, form, "news/edit.html", {})


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request, slug):
    item = get_for_user(Post.objects.visible_to(request.user), request.user, perm="news.change_post", slug=slug)
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES, instance=Post.objects.get(pk=item.pk), user=request.user)
        if form.is_valid():
            try:
                services.update_post(by=request.user, post=item, data=form.post_data())
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The news post is saved."))
                return redirect(item.get_absolute_url())
    else:
        form = PostForm(instance=item, user=request.user)
    return _post_form(request, form, "news/edit.html", {"post": item})


@login_required
@require_GET
def newsletters(request):
    if not request.user.has_perm("news.view_newsletter"):
        raise PermissionDenied
    return render(request, "news/newsletters.html", {"newsletters": selectors.newsletters()[:100],
                                                     "drafts": Post.objects.filter(status=Post.Status.DRAFT)
                                                     .order_by("-updated_at")[:20]})


@login_required
@require_http_methods(["GET", "POST"])
def new_newsletter(request):
    if not request.user.has_perm("news.add_newsletter"):
        raise PermissionDenied
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = NewsletterForm(request.POST)
        if form.is_valid():
            url = once(request, lambda: services.create_newsletter(
                by=request.user, data=form.newsletter_data()).get_absolute_url())
            messages.success(request, _("The newsletter is saved. Check it, then send it."))
            return redirect(url)
    else:
        form = NewsletterForm()
    return _post_form(request, form, "news/newsletter_form.html", {})


def _newsletter(request, pk, perm="news.view_newsletter"):
    return get_for_user(Newsletter.objects.visible_to(request.user), request.user, perm=perm, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def newsletter(request, pk):
    item = _newsletter(request, pk)
    form = None
    if item.status == Newsletter.Status.DRAFT:
        if request.method == "POST":
            if not request.user.has_perm("news.change_newsletter", item):
                raise PermissionDenied
            form = NewsletterForm(request.POST, instance=Newsletter.objects.get(pk=item.pk))
            if form.is_valid():
                try:
                    services.update_newsletter(by=request.user, newsletter=item, data=form.newsletter_data())
                except ActionError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, _("The newsletter is saved."))
                    return redirect(item.get_absolute_url())
        else:
            form = NewsletterForm(instance=item)
    elif request.method == "POST":
        return redirect(item.get_absolute_url())
    return render(request, "news/newsletter.html", {"newsletter": item, "form": form,
                                                    **selectors.newsletter_page(item)},
                  status=400 if form is not None and form.is_bound else 200)


@login_required
@require_POST
def send(request, pk):
    item = _newsletter(request, pk, perm="news.send_newsletter")
    try:
        services.send_newsletter(by=request.user, newsletter=item)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The newsletter is being sent. Every subscriber gets it within the hour."))
    return redirect(item.get_absolute_url())

"""Sara, an official, writes news: the municipality's own, and a post that lifts Parkinson
Ekerö's initiative. Visitors see what is published and due, in a list, on a page and on the
home page; drafts and scheduled posts only officials see. Residents and representatives
cannot write news."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.activities.tests.factories import ActivityFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.news import services
from samverka.news.models import Post

from .factories import PostFactory

pytestmark = pytest.mark.django_db


def form(**changes):
    data = {"kind": "municipality", "title": "Nu kan föreningar söka aktivitetsbidrag", "lead": "Sök senast 15 februari.",
            "body": "Första stycket.\n\nAndra stycket.", "office": "", "actor": "", "activity": "", "image_alt": "",
            "status": "published", "published_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    data.update(changes)
    return data


def test_sara_publishes_news_and_visitors_read_it(client, official):
    sara = Client()
    sara.force_login(official)
    office = official.office_memberships.get().office
    response = sara.post(reverse("news:new"), form(office=office.pk))
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert (post.office, post.created_by, post.slug) == (office, official, "nu-kan-foreningar-soka-aktivitetsbidrag")
    assert AuditEvent.objects.filter(action="news.create_post").count() == 1
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Nu kan föreningar söka aktivitetsbidrag" in page and "<p>Andra stycket.</p>" in page
    assert 'type="application/rss+xml"' in page and reverse("news:atom") in page
    assert "Nu kan föreningar söka aktivitetsbidrag" in client.get(reverse("news:list")).content.decode()
    assert "Nu kan föreningar söka aktivitetsbidrag" in client.get(reverse("home")).content.decode()


def test_a_post_lifts_an_associations_initiative_and_its_activity(client, official, actor):
    activity = ActivityFactory(actor=actor, title="Parkinsongympa")
    sara = Client()
    sara.force_login(official)
    sara.post(reverse("news:new"), form(kind="initiative", title="Gympa som ger styrka", actor=actor.pk,
                                        activity=activity.pk))
    post = Post.objects.get()
    page = client.get(post.get_absolute_url()).content.decode()
    assert actor.get_absolute_url() in page and activity.get_absolute_url() in page
    assert says("An initiative of %(name)s", name="Parkinson Ekerö") in client.get(reverse("news:list")).content.decode()


def test_an_initiative_without_an_association_keeps_the_input_and_says_what_to_do(official, other_actor, actor):
    sara = Client()
    sara.force_login(official)
    response = sara.post(reverse("news:new"), form(kind="initiative", title="Utan förening"))
    page = response.content.decode()
    assert response.status_code == 400 and not Post.objects.exists()
    assert says("Choose the association whose initiative the post lifts.") in page
    assert 'value="Utan förening"' in page and "error-summary" in page
    other = ActivityFactory(actor=other_actor, title="Matlagning")
    response = sara.post(reverse("news:new"), form(kind="initiative", actor=actor.pk, activity=other.pk))
    assert says("Choose one of the association's own activities.") in response.content.decode()
    assert not Post.objects.exists()


def test_a_double_submit_makes_one_post(official):
    sara = Client()
    sara.force_login(official)
    page = sara.get(reverse("news:new")).content.decode()
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    for _ in range(2):
        sara.post(reverse("news:new"), form(submission_token=token))
    assert Post.objects.count() == 1


def test_drafts_and_scheduled_posts_wait(client, official):
    draft = PostFactory(title="Ett utkast", status=Post.Status.DRAFT)
    later = PostFactory(title="Kommer i morgon", published_at=timezone.now() + timedelta(days=1))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(later.get_absolute_url()).status_code == 404
    listed = client.get(reverse("news:list")).content.decode()
    assert "Ett utkast" not in listed and "Kommer i morgon" not in listed
    sara = Client()
    sara.force_login(official)
    assert sara.get(draft.get_absolute_url()).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=10)):
        assert client.get(later.get_absolute_url()).status_code == 200
        assert "Kommer i morgon" in client.get(reverse("news:list")).content.decode()


@pytest.mark.parametrize("persona", ["resident", "representative"])
def test_residents_and_representatives_write_no_news(persona, request):
    user = request.getfixturevalue(persona)
    post = PostFactory(title="Orörd")
    browser = Client()
    browser.force_login(user)
    assert browser.get(reverse("news:new")).status_code == 403
    assert browser.post(reverse("news:new"), form()).status_code == 403
    assert browser.post(reverse("news:edit", args=[post.slug]), form(title="Ändrad")).status_code == 403
    assert browser.get(reverse("news:newsletters")).status_code == 403
    post.refresh_from_db()
    assert post.title == "Orörd" and Post.objects.count() == 1
    assert not AuditEvent.objects.filter(action__startswith="news.").exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    post = PostFactory()
    for url in (reverse("news:new"), reverse("news:edit", args=[post.slug]), reverse("news:newsletters")):
        response = client.post(url, form())
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_sara_edits_a_post_and_the_cached_page_shows_it(client, official, django_assert_num_queries,
                                                       django_capture_on_commit_callbacks):
    post = PostFactory(title="Gammal rubrik")
    client.get(post.get_absolute_url())
    with django_assert_num_queries(0):
        client.get(post.get_absolute_url())
    sara = Client()
    sara.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = sara.post(reverse("news:edit", args=[post.slug]), form(title="Ny rubrik"))
    assert response.status_code == 302
    assert "Ny rubrik" in client.get(post.get_absolute_url()).content.decode()


def test_the_list_is_paginated_in_a_constant_number_of_queries(client, django_assert_max_num_queries, actor):
    PostFactory.create_batch(3, kind=Post.Kind.INITIATIVE, actor=actor)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("news:list") + "?a=1")
    PostFactory.create_batch(30, kind=Post.Kind.INITIATIVE, actor=actor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("news:list") + "?a=2").content.decode()
    assert 'rel="next"' in page


def test_the_home_page_shows_the_latest_three(client):
    for n in range(5):
        PostFactory(title=f"Nyhet {n}", published_at=timezone.now() - timedelta(days=5 - n))
    page = client.get(reverse("home")).content.decode()
    assert all(f"Nyhet {n}" in page for n in (2, 3, 4)) and "Nyhet 1" not in page


def test_the_service_refuses_a_resident(resident):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_post(by=resident, data={"title": "x", "lead": "x", "body": "x"})


def _png(name="bild.png"):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_an_image_is_checked_and_needs_a_description(official, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sara = Client()
    sara.force_login(official)
    response = sara.post(reverse("news:new"), form(image=_png()))
    assert response.status_code == 400
    assert says("Describe the image for those who cannot see it.") in response.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = sara.post(reverse("news:new"), form(image=SimpleUploadedFile("x.png", b"MZ not an image"),
                                                   image_alt="Gympa"))
    assert response.status_code == 400 and not Post.objects.exists()
    sara.post(reverse("news:new"), form(image=_png(), image_alt="Deltagare som tränar i Ekebyhovshallen"))
    post = Post.objects.get()
    assert post.image.name.startswith("news/") and "bild" not in post.image.name
    assert 'alt="Deltagare som tränar i Ekebyhovshallen"' in client.get(post.get_absolute_url()).content.decode()



def test_a_scheduled_post_shows_on_the_cached_pages_when_its_time_comes(client, django_assert_num_queries):
    """Nothing renews the news stamp when a scheduled post's time comes: the cached pages
    are kept under that time instead, so an anonymous visitor sees the post then."""
    with time_machine.travel("2026-05-04 10:00:05 +02:00", tick=False) as clock:
        PostFactory(title="Redan ute")
        later = PostFactory(title="Klockan tio", published_at=timezone.now() + timedelta(seconds=20))
        later.sdg_goals.add(3)
        pages = (reverse("news:list"), reverse("news:rss"), reverse("goals:goal", args=[3]))
        for url in pages:
            client.get(url)
            with django_assert_num_queries(0):
                assert b"Klockan tio" not in client.get(url).content
        assert client.get(later.get_absolute_url()).status_code == 404
        clock.shift(timedelta(seconds=10))
        for url in pages:
            with django_assert_num_queries(0):
                assert b"Klockan tio" not in client.get(url).content
        clock.shift(timedelta(seconds=10))
        for url in pages:
            assert b"Klockan tio" in client.get(url).content, url
        assert client.get(later.get_absolute_url()).status_code == 200

"""Eva adds a picture to Parkinson Ekerö's activity; Maja changes one in the admin. What
is stored is a picture Pillow drew again: a script named .jpg, an SVG or a file over the
limit is refused next to the field with the rest of the form kept, and a phone photo's GPS
position or bytes hidden after the image never reach the public page."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from samverka.activities.models import Activity
from samverka.activities.tests.factories import ActivityFactory
from samverka.activities.tests.helpers import activity_form, field_error, image_file
from samverka.activities.tests.test_admin import activity_data
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says

CREATE = reverse("activities:create")
NOT_AN_IMAGE = "The file is not an image we can read. Choose a JPEG, PNG, WebP or GIF image."
PAYLOAD = b"<?php system($_GET['c']); ?><script>alert(document.cookie)</script>"


@pytest.fixture
def eva(client, representative, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(representative)
    return client


@pytest.fixture
def form(actor):
    def build(**changes):
        return activity_form(f"actor:{actor.pk}", **{"image_alt": "Sex personer runt ett bord.", **changes})
    return build


def _bytes(kind: str, size=(60, 40), mode="RGB", **options) -> bytes:
    out = BytesIO()
    Image.new(mode, size, (11, 79, 108) if mode == "RGB" else 3).save(out, kind, **options)
    return out.getvalue()


def _stored(activity: Activity) -> bytes:
    with activity.image.open("rb") as file:
        return file.read()


@pytest.mark.parametrize("upload", [
    SimpleUploadedFile("bild.jpg", b"<?php echo shell_exec($_GET['cmd']); ?>", content_type="image/jpeg"),
    SimpleUploadedFile("bild.jpg", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
                       content_type="image/jpeg"),
    SimpleUploadedFile("logga.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
                       content_type="image/svg+xml"),
    SimpleUploadedFile("bild.png", _bytes("PNG")[:60], content_type="image/png"),  # cut off halfway
    SimpleUploadedFile("bild.jpg", _bytes("BMP"), content_type="image/jpeg"),  # a picture, of a kind we do not take
], ids=["php-named-jpg", "html-named-jpg", "svg", "truncated-png", "bmp-named-jpg"])
def test_a_file_that_is_not_an_image_we_take_is_refused_and_the_form_is_kept(eva, form, upload):
    response = eva.post(CREATE, form(title="Fika med bild", image=upload))
    body = response.content.decode()
    assert response.status_code == 200
    assert says(NOT_AN_IMAGE) in field_error(body, "image")
    assert 'value="Fika med bild"' in body and 'value="Sex personer runt ett bord."' in body
    assert not Activity.objects.exists()


def test_an_image_over_the_limit_is_refused_before_it_is_read(eva, form, settings):
    settings.UPLOAD_IMAGE_MAX_MB = 1
    big = SimpleUploadedFile("stor.png", _bytes("PNG") + b"\0" * (1024 * 1024), content_type="image/png")
    body = eva.post(CREATE, form(title="Stor bild", image=big)).content.decode()
    assert says("The image is larger than %(limit)s MB. Choose a smaller one.", limit=1) in field_error(body, "image")
    assert 'value="Stor bild"' in body
    assert not Activity.objects.exists()


def test_a_phone_photo_is_stored_without_its_gps_position(eva, form):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefon"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 17.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (17.0, 43.0, 10.0)
    photo = _bytes("JPEG", exif=exif)
    with Image.open(BytesIO(photo)) as sent:
        assert sent.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the file sent holds the position

    eva.post(CREATE, form(image=SimpleUploadedFile("IMG_0001.jpg", photo, content_type="image/jpeg")))
    activity = Activity.objects.get()
    stored = _stored(activity)
    with Image.open(BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"Telefon" not in stored
    assert "IMG_0001" not in activity.image.name


@pytest.mark.parametrize(("sent", "name"), [
    (_bytes("GIF", mode="P") + _bytes("PNG") + PAYLOAD, "bild.gif"),  # a GIF, then a PNG, then a script
    (_bytes("PNG") + PAYLOAD, "bild.png"),
    (_bytes("JPEG") + PAYLOAD, "bild.jpg"),
], ids=["gif-png-polyglot", "png-with-payload", "jpeg-with-payload"])
def test_bytes_hidden_after_the_image_are_not_stored(eva, form, sent, name):
    eva.post(CREATE, form(image=SimpleUploadedFile(name, sent, content_type="image/gif")))
    stored = _stored(Activity.objects.get())
    assert b"<?php" not in stored and b"<script" not in stored
    with Image.open(BytesIO(stored)) as image:
        image.load()
        assert image.size == (60, 40)
    # Nothing after the image's own end: the last PNG chunk or the JPEG end marker.
    assert stored.endswith(b"IEND\xaeB`\x82") or stored.endswith(b"\xff\xd9")
    assert stored.count(b"\x89PNG") <= 1 and b"GIF8" not in stored


def test_a_large_picture_is_made_smaller_and_given_a_random_name(eva, form):
    eva.post(CREATE, form(image=image_file(size=(4000, 1000), kind="PNG", name="Lina Sandberg.png")))
    activity = Activity.objects.get()
    with Image.open(BytesIO(_stored(activity))) as image:
        assert image.size == (2000, 500)
    assert "Lina" not in activity.image.name


def test_maja_cannot_put_a_script_in_an_activity_through_the_admin(maja, actor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cafe = ActivityFactory(actor=actor, title="Språkcafé", image_alt="")
    script = SimpleUploadedFile("bild.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = maja.post(reverse("admin:activities_activity_change", args=[cafe.pk]),
                         activity_data(cafe, title="Språkcafé med bild", image=script, image_alt="En bild"))
    assert response.status_code == 200
    body = response.content.decode()
    assert says(NOT_AN_IMAGE) in body
    assert 'value="Språkcafé med bild"' in body
    cafe.refresh_from_db()
    assert cafe.title == "Språkcafé" and not cafe.image
    assert not AuditEvent.objects.filter(action="activity.update").exists()


def test_maja_adds_a_picture_in_the_admin_and_it_is_drawn_again(maja, actor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cafe = ActivityFactory(actor=actor, title="Språkcafé")
    photo = SimpleUploadedFile("kajutan.png", _bytes("PNG") + PAYLOAD, content_type="image/png")
    response = maja.post(reverse("admin:activities_activity_change", args=[cafe.pk]),
                         activity_data(cafe, image=photo, image_alt="Kajutan i solsken."))
    assert response.status_code == 302, response.content.decode()[:3000]
    cafe.refresh_from_db()
    assert "kajutan" not in cafe.image.name
    assert PAYLOAD not in _stored(cafe)

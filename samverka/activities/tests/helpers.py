"""What the activity tests share: a filled-in activity form, reading a field's error."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image


def a_day(days: int = 10) -> date:
    return timezone.localdate() + timedelta(days=days)


def activity_form(organiser: str, **changes) -> dict:
    """The form as Eva fills it in: a one-off drop-in activity ten days from now."""
    data = {
        "organiser": organiser,
        "title": "Språkcafé på biblioteket",
        "summary": "Vi pratar svenska och fikar tillsammans.",
        "description": "Alla är välkomna, oavsett hur mycket svenska du kan.",
        "date": a_day().isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "end_date": "",
        "repeat": "none",
        "repeat_until": "",
        "rule": "",
        "exceptions": "",
        "place": "",
        "address": "Ekerö bibliotek, Tappströmsvägen 1",
        "district": "",
        "cost": "",
        "is_free": "on",
        "accessibility_notes": "",
        "image_alt": "",
        "registration_mode": "drop_in",
        "capacity": "",
        "registration_deadline": "",
        "status": "published",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def field_error(body: str, field: str) -> str:
    match = re.search(rf'<p class="field__error" id="id_{field}_error">(.*?)</p>', body, re.S)
    return match.group(1) if match else ""


def image_file(size=(40, 30), kind="PNG", name="bild.png") -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", size, (11, 79, 108)).save(out, kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{kind.lower()}")


def confirm_link(address: str) -> str:
    """The participant's page from the newest confirmation message sent to `address`."""
    from samverka.communication.models import OutboxMessage

    message = OutboxMessage.objects.filter(to=address, idempotency_key__startswith="activity-confirm:").latest("pk")
    return re.search(r"/[\w/-]*/anmalan/[\w-]+/", message.body_text).group(0)


def register_and_confirm(client, url: str, data: dict):
    """Register through the form, then open the link in the message and press Confirm, as
    a visitor without an account does. The response to pressing the button."""
    from django.urls import resolve, reverse

    client.post(url, data)
    address = data.get("email", "").strip().lower() or _e164(data["phone"])
    token = resolve(confirm_link(address)).kwargs["token"]
    return client.post(reverse("activities:confirm_registration", args=[token]))


def _e164(phone: str) -> str:
    from samverka.core.phone import normalise_phone

    return normalise_phone(phone)

"""One checked path for every file people upload: images (an activity's picture) and
documents (a grant application's PDF).

What a file is comes from its content, never from its name or the type the browser sent:
Pillow opens and verifies an image, a document must start with its format's magic number.
A file over the size limit (settings `UPLOAD_IMAGE_MAX_MB`, `UPLOAD_DOCUMENT_MAX_MB`) is
refused before anything reads it. An image is saved again by Pillow, at most
`UPLOAD_IMAGE_MAX_SIDE` pixels on its longest side: what comes out holds the pixels and
nothing else (no EXIF with a phone's GPS position, nothing appended after the image). Every
file that passes gets a random name.

Forms use the fields (`CheckedImageField`, `CheckedDocumentField`); a model's `ImageField`
or `FileField` gets them through the form's `Meta.field_classes`, in the admin too.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import IO

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MB = 1024 * 1024
# Formats Pillow may open; SVG (a script can hide in it) and the rest are refused.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
IMAGE_CONTENT_TYPES = "image/jpeg,image/png,image/webp,image/gif"
# An image that unpacks to more pixels than this is refused before it is decoded (a small
# file can hold a huge, memory-filling picture).
MAX_IMAGE_PIXELS = 50_000_000

NOT_AN_IMAGE = _("The file is not an image we can read. Choose a JPEG, PNG, WebP or GIF image.")


def random_name(extension: str) -> str:
    """A name that says nothing about the person or the file they sent."""
    return f"{secrets.token_hex(16)}.{extension}"


def _too_large(upload, limit_mb: int, message) -> None:
    if upload.size is not None and upload.size > limit_mb * MB:
        raise forms.ValidationError(message, code="too_large", params={"limit": limit_mb})


def clean_image(upload: UploadedFile) -> SimpleUploadedFile:
    """A new file from `upload`: checked to be a JPEG, PNG, WebP or GIF image, drawn again
    by Pillow without metadata or trailing bytes, at most the longest side in the settings
    (JPEG for photos, PNG where the image has transparency). Raises `ValidationError`."""
    _too_large(upload, settings.UPLOAD_IMAGE_MAX_MB,
               _("The image is larger than %(limit)s MB. Choose a smaller one."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            if kind not in IMAGE_FORMATS:
                raise forms.ValidationError(NOT_AN_IMAGE, code="format")
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise forms.ValidationError(
                    _("The image has too many pixels. Choose one of at most %(megapixels)s megapixels."),
                    code="too_many_pixels", params={"megapixels": MAX_IMAGE_PIXELS // 1_000_000})
            probe.verify()  # checksums and structure; the image cannot be used after it
        upload.seek(0)
        with Image.open(upload) as source:
            source.load()  # the whole picture decodes: a cut-off file fails here
            image = ImageOps.exif_transpose(source)  # turned as the camera meant, then the EXIF goes
            side = settings.UPLOAD_IMAGE_MAX_SIDE
            image.thumbnail((side, side))
            out = BytesIO()
            if kind != "JPEG" and image.mode in ("RGBA", "LA", "PA", "P"):
                image.convert("RGBA").save(out, "PNG", optimize=True)
                extension, content_type = "png", "image/png"
            else:
                image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
                extension, content_type = "jpg", "image/jpeg"
    except forms.ValidationError:
        raise
    except Exception:  # Pillow raises many kinds for a broken or hostile file
        raise forms.ValidationError(NOT_AN_IMAGE, code="invalid_image") from None
    return SimpleUploadedFile(random_name(extension), out.getvalue(), content_type=content_type)


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document people may send, told by its content. `check` reads the start of
    the file; a kind whose magic number is shared (an Office file is a ZIP archive) gives a
    check that looks further."""

    label: str
    extension: str
    content_type: str
    check: Callable[[IO[bytes]], bool]


def starts_with(*signatures: bytes) -> Callable[[IO[bytes]], bool]:
    def check(file: IO[bytes]) -> bool:
        file.seek(0)
        head = file.read(max(map(len, signatures)))
        return head.startswith(signatures)
    return check


DOCUMENT_KINDS = {
    "pdf": DocumentKind(label="PDF", extension="pdf", content_type="application/pdf", check=starts_with(b"%PDF-")),
}


def clean_document(upload: UploadedFile, *, kinds: Iterable[str] = ("pdf",)) -> UploadedFile:
    """`upload` when its content is one of `kinds` (keys of `DOCUMENT_KINDS`), renamed at
    random and with the kind's content type. Raises `ValidationError`."""
    allowed = [DOCUMENT_KINDS[name] for name in kinds]
    labels = ", ".join(kind.label for kind in allowed)
    _too_large(upload, settings.UPLOAD_DOCUMENT_MAX_MB,
               _("The file is larger than %(limit)s MB. Choose a smaller one."))
    kind = next((kind for kind in allowed if kind.check(upload)), None)
    upload.seek(0)
    if kind is None:
        raise forms.ValidationError(_("The file is not a document we accept. Choose a file of this kind: %(kinds)s."),
                                    code="format", params={"kinds": labels})
    upload.name = random_name(kind.extension)
    upload.content_type = kind.content_type
    return upload


class CheckedImageField(forms.FileField):
    """An image upload that passes `clean_image`: what the form hands on is the new,
    clean file, never the one that was sent."""

    def to_python(self, data):
        upload = super().to_python(data)
        return clean_image(upload) if upload is not None else None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = IMAGE_CONTENT_TYPES
        return attrs


class CheckedDocumentField(forms.FileField):
    """A document upload that passes `clean_document` for the kinds named
    (`CheckedDocumentField(kinds=("pdf",))`)."""

    def __init__(self, *, kinds: Iterable[str] = ("pdf",), **kwargs):
        self.kinds = tuple(kinds)
        unknown = set(self.kinds) - set(DOCUMENT_KINDS)
        if unknown:
            raise ValueError(f"Unknown document kinds: {sorted(unknown)}")
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        return clean_document(upload, kinds=self.kinds) if upload is not None else None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(DOCUMENT_KINDS[name].content_type for name in self.kinds)
        return attrs

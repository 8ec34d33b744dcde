"""One checked path for every file people upload: images (an activity's picture) and
documents (a grant application's PDF, an image or an office document).

What a file is comes from its content, never from its name or the type the browser sent:
Pillow opens and verifies an image, a document must start with its format's magic number (a PDF must also end with `%%EOF`:
a file cut off halfway is refused as incomplete),
and an office document (a ZIP container) must hold its format's own marker files: an Office
Open XML file's `[Content_Types].xml` naming the main part (a macro-enabled one is refused),
an OpenDocument file's uncompressed `mimetype` entry first. A file whose name claims another
kind than its content (a PDF called budget.docx, a program called photo.jpg) is refused.
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
import zipfile
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


BINARY_STARTS = (b"PK\x03\x04", b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"GIF8", b"\x7fELF", b"MZ")


def plain_text(file: IO[bytes]) -> bool:
    """Whether a file reads as text: no NUL byte in its first 8 KB and no binary file's start."""
    file.seek(0)
    head = file.read(8192)
    return bool(head) and b"\x00" not in head and not head.startswith(BINARY_STARTS)


def starts_with(*signatures: bytes) -> Callable[[IO[bytes]], bool]:
    def check(file: IO[bytes]) -> bool:
        file.seek(0)
        head = file.read(max(map(len, signatures)))
        return head.startswith(signatures)
    return check


def is_image(pillow_format: str, *signatures: bytes) -> Callable[[IO[bytes]], bool]:
    """Starts with the format's magic number and Pillow reads it through as that format."""
    head = starts_with(*signatures)

    def check(file: IO[bytes]) -> bool:
        if not head(file):
            return False
        try:
            file.seek(0)
            with Image.open(file) as probe:
                if probe.format != pillow_format or probe.width * probe.height > MAX_IMAGE_PIXELS:
                    return False
                probe.verify()
            return True
        except Exception:  # Pillow raises many kinds for a broken file
            return False
    return check


# A PDF ends with `%%EOF`; readers look for it in the last kilobyte (what a writer may append).
PDF_END_WINDOW = 1024


def is_pdf(file: IO[bytes]) -> bool:
    """Starts with `%PDF-` and ends with `%%EOF`: a file cut off on the way (an upload
    interrupted halfway) lacks its end and is refused."""
    if not starts_with(b"%PDF-")(file):
        return False
    file.seek(0, 2)
    size = file.tell()
    file.seek(max(0, size - PDF_END_WINDOW))
    return b"%%EOF" in file.read()


# A ZIP member larger than this is not read (a small archive can unpack to a huge one).
MAX_MARKER_BYTES = 512 * 1024


def _zip(file: IO[bytes]) -> zipfile.ZipFile | None:
    if not starts_with(b"PK\x03\x04")(file):
        return None
    try:
        file.seek(0)
        return zipfile.ZipFile(file)  # reads the central directory: a cut-off archive fails here
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def office_open_xml(main_part: str, content_type: str) -> Callable[[IO[bytes]], bool]:
    """A .docx or .xlsx: a ZIP whose `[Content_Types].xml` names `content_type` for
    `main_part` (a macro-enabled file names another type and is refused)."""
    def check(file: IO[bytes]) -> bool:
        archive = _zip(file)
        if archive is None:
            return False
        try:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_MARKER_BYTES or main_part not in archive.namelist():
                return False
            types = archive.read(info).decode("utf-8", "replace")
        except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            return False
        return f'ContentType="{content_type}"' in types and "macroEnabled" not in types
    return check


def open_document(mimetype: str) -> Callable[[IO[bytes]], bool]:
    """An .odt or .ods: a ZIP whose first entry is `mimetype`, stored uncompressed, holding
    exactly the format's type (the OpenDocument rule), with its `content.xml`."""
    def check(file: IO[bytes]) -> bool:
        archive = _zip(file)
        if archive is None:
            return False
        try:
            first = archive.infolist()[0]
            if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED or first.file_size > 200:
                return False
            return archive.read(first) == mimetype.encode() and "content.xml" in archive.namelist()
        except (IndexError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            return False
    return check


DOCUMENT_KINDS = {
    "pdf": DocumentKind(label="PDF", extension="pdf", content_type="application/pdf", check=is_pdf),
    "png": DocumentKind(label="PNG", extension="png", content_type="image/png",
                        check=is_image("PNG", b"\x89PNG\r\n\x1a\n")),
    "jpeg": DocumentKind(label="JPEG", extension="jpg", content_type="image/jpeg",
                         check=is_image("JPEG", b"\xff\xd8\xff")),
    "docx": DocumentKind(
        label="Word (docx)", extension="docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        check=office_open_xml("word/document.xml",
                              "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")),
    "xlsx": DocumentKind(
        label="Excel (xlsx)", extension="xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        check=office_open_xml("xl/workbook.xml",
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
    "odt": DocumentKind(label="OpenDocument text (odt)", extension="odt",
                        content_type="application/vnd.oasis.opendocument.text",
                        check=open_document("application/vnd.oasis.opendocument.text")),
    "ods": DocumentKind(label="OpenDocument spreadsheet (ods)", extension="ods",
                        content_type="application/vnd.oasis.opendocument.spreadsheet",
                        check=open_document("application/vnd.oasis.opendocument.spreadsheet")),
    # Text in columns (a register exported for import): no NUL byte and no known binary start.
    "csv": DocumentKind(label="CSV", extension="csv", content_type="text/csv", check=lambda file: plain_text(file)),
}
# Names a file of each kind may have; a file called something else is refused as lying.
EXTENSIONS = {"pdf": {"pdf"}, "png": {"png"}, "jpeg": {"jpg", "jpeg", "jpe"}, "docx": {"docx"}, "xlsx": {"xlsx"},
              "odt": {"odt"}, "ods": {"ods"}, "csv": {"csv", "txt", "tsv"}}


def content_type_of(name: str) -> tuple[str, str]:
    """(content type, extension) of a file this module named (by its random name's extension)."""
    extension = extension_of(name)
    for key, kind in DOCUMENT_KINDS.items():
        if extension in EXTENSIONS[key]:
            return kind.content_type, kind.extension
    return "application/octet-stream", extension or "bin"


def _cut_off(file: IO[bytes], kinds: Iterable[str]) -> bool:
    """Whether a file that passed no check starts as one of `kinds` but lacks its end: a PDF
    without `%%EOF`, a ZIP container without its central directory, a PNG or JPEG that Pillow
    cannot read through. Most often an upload interrupted halfway; told apart from a file of
    another kind, so the message can say so."""
    kinds = set(kinds)
    if "pdf" in kinds and starts_with(b"%PDF-")(file):
        return True  # it failed `is_pdf`: the end is missing
    if kinds & {"docx", "xlsx", "odt", "ods"} and starts_with(b"PK\x03\x04")(file):
        return _zip(file) is None
    for kind, start in (("png", b"\x89PNG\r\n\x1a\n"), ("jpeg", b"\xff\xd8\xff")):
        if kind in kinds and starts_with(start)(file):
            try:
                file.seek(0)
                with Image.open(file) as probe:
                    probe.load()
            except Exception:  # Pillow raises many kinds for a broken file
                return True
    return False


def extension_of(name: str | None) -> str:
    base = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def clean_document(upload: UploadedFile, *, kinds: Iterable[str] = ("pdf",), max_mb: int | None = None) -> UploadedFile:
    """`upload` when its content is one of `kinds` (keys of `DOCUMENT_KINDS`), renamed at
    random and with the kind's content type; its name as sent stays in `original_name`. At
    most `max_mb` (UPLOAD_DOCUMENT_MAX_MB by default). Raises `ValidationError`."""
    allowed = [DOCUMENT_KINDS[name] for name in kinds]
    labels = ", ".join(kind.label for kind in allowed)
    _too_large(upload, max_mb or settings.UPLOAD_DOCUMENT_MAX_MB,
               _("The file is larger than %(limit)s MB. Choose a smaller one."))
    found = next((name for name in kinds if DOCUMENT_KINDS[name].check(upload)), None)
    upload.seek(0)
    if found is None and _cut_off(upload, kinds):
        upload.seek(0)
        raise forms.ValidationError(
            _("The file is incomplete or damaged; the upload may have been interrupted. Choose the file and "
              "send it again."), code="incomplete")
    upload.seek(0)
    if found is None:
        raise forms.ValidationError(_("The file is not a document we accept. Choose a file of this kind: %(kinds)s."),
                                    code="format", params={"kinds": labels})
    kind = DOCUMENT_KINDS[found]
    claimed = extension_of(upload.name)
    if claimed and claimed not in EXTENSIONS[found]:
        raise forms.ValidationError(
            _("The file's name says .%(claimed)s, but it is a %(kind)s file. Rename it or choose the right file."),
            code="lying_extension", params={"claimed": claimed, "kind": kind.label})
    upload.original_name = upload.name
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

    def __init__(self, *, kinds: Iterable[str] = ("pdf",), max_mb: int | None = None, **kwargs):
        self.kinds = tuple(kinds)
        self.max_mb = max_mb
        unknown = set(self.kinds) - set(DOCUMENT_KINDS)
        if unknown:
            raise ValueError(f"Unknown document kinds: {sorted(unknown)}")
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        return clean_document(upload, kinds=self.kinds, max_mb=self.max_mb) if upload is not None else None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(DOCUMENT_KINDS[name].content_type for name in self.kinds)
        return attrs

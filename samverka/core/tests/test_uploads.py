"""One checked path for uploads (core/uploads.py): documents are told by their content,
and every upload field of the site's forms and of the admin goes through it."""

import importlib
from html import unescape
from io import BytesIO

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from samverka.core.tests.helpers import says
from samverka.core.uploads import DOCUMENT_KINDS, CheckedDocumentField, CheckedImageField

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class ApplicationForm(forms.Form):
    """A grant application as an app would write it: a title and a PDF."""

    title = forms.CharField()
    budget = CheckedDocumentField(kinds=("pdf",))


def _send(content: bytes, name: str, content_type: str = "application/pdf", **data) -> ApplicationForm:
    return ApplicationForm(data={"title": "Sommarläger på Adelsö", **data},
                           files={"budget": SimpleUploadedFile(name, content, content_type=content_type)})


def test_a_pdf_is_taken_and_given_a_random_name(db):
    form = _send(PDF, "Budget Parkinson Ekerö.pdf")
    assert form.is_valid(), form.errors
    budget = form.cleaned_data["budget"]
    assert budget.name.endswith(".pdf") and "Budget" not in budget.name
    assert budget.content_type == "application/pdf"
    assert budget.read() == PDF


@pytest.mark.parametrize(("content", "name", "content_type"), [
    (b"<!DOCTYPE html><script>alert(1)</script>", "budget.pdf", "application/pdf"),
    (b"<?php system($_GET['c']); ?>", "budget.pdf", "application/pdf"),
    (b"PK\x03\x04 a zip archive", "budget.pdf", "application/pdf"),
    (b"MZ\x90\x00 a program", "budget.exe", "application/octet-stream"),
], ids=["html-named-pdf", "php-named-pdf", "zip-named-pdf", "program"])
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(db, content, name, content_type):
    form = _send(content, name, content_type)
    assert not form.is_valid()
    assert form.errors["budget"] == [says("The file is not a document we accept. Choose a file of this kind: %(kinds)s.",
                                          kinds="PDF")]
    assert form.cleaned_data["title"] == "Sommarläger på Adelsö"


def test_a_document_over_the_limit_is_refused(db, settings):
    settings.UPLOAD_DOCUMENT_MAX_MB = 1
    form = _send(PDF + b"0" * (1024 * 1024), "budget.pdf")
    assert not form.is_valid()
    assert form.errors["budget"] == [says("The file is larger than %(limit)s MB. Choose a smaller one.", limit=1)]


def test_a_field_names_only_kinds_that_exist():
    with pytest.raises(ValueError, match="exe"):
        CheckedDocumentField(kinds=("pdf", "exe"))


def test_the_browser_is_told_which_files_to_offer():
    assert CheckedDocumentField().widget.attrs["accept"] == "application/pdf"
    assert CheckedImageField().widget.attrs["accept"] == "image/jpeg,image/png,image/webp,image/gif"


def test_an_image_field_hands_on_the_image_drawn_again(db):
    class PictureForm(forms.Form):
        picture = CheckedImageField()

    out = BytesIO()
    Image.new("RGB", (30, 20), (200, 10, 10)).save(out, "PNG")
    form = PictureForm(files={"picture": SimpleUploadedFile("x.png", out.getvalue() + b"<script>", "image/png")})
    assert form.is_valid(), form.errors
    picture = form.cleaned_data["picture"]
    assert b"<script>" not in picture.read()
    assert picture.content_type == "image/jpeg" and picture.name.endswith(".jpg")


def _file_fields(form_class) -> dict[str, forms.Field]:
    return {name: field for name, field in form_class.base_fields.items() if isinstance(field, forms.FileField)}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_upload_field_of_the_sites_forms_is_checked():
    for config in apps.get_app_configs():
        if config.name.startswith("samverka."):
            try:
                importlib.import_module(f"{config.name}.forms")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.forms":
                    raise
    seen = 0
    for form_class in {*_subclasses(forms.Form), *_subclasses(forms.ModelForm)}:
        if not form_class.__module__.startswith("samverka.") or ".tests" in form_class.__module__:
            continue
        for name, field in _file_fields(form_class).items():
            seen += 1
            assert isinstance(field, CheckedImageField | CheckedDocumentField), \
                f"{form_class.__module__}.{form_class.__name__}.{name} takes files past core.uploads"
    assert seen  # the activity form's image at least


def test_every_upload_field_of_the_admin_is_checked(administrator):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    seen = 0
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("samverka."):
            continue
        for name, field in _file_fields(model_admin.get_form(request)).items():
            seen += 1
            assert isinstance(field, CheckedImageField | CheckedDocumentField), \
                f"the admin of {model.__name__} takes {name} past core.uploads"
    assert seen  # the activity's image at least


# ---------------------------------------------------------------- images and office documents

ALL_KINDS = ("pdf", "png", "jpeg", "docx", "xlsx", "odt", "ods")


class AnyDocumentForm(forms.Form):
    title = forms.CharField()
    file = CheckedDocumentField(kinds=ALL_KINDS)


def _office(kind: str, *, macro: bool = False, mimetype_first: bool = True) -> bytes:
    import zipfile

    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind in ("docx", "xlsx"):
            part, main = {"docx": ("word/document.xml", "wordprocessingml.document"),
                          "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet")}[kind]
            content_type = ("application/vnd.ms-word.document.macroEnabled.main+xml" if macro
                            else f"application/vnd.openxmlformats-officedocument.{main}.main+xml")
            archive.writestr("[Content_Types].xml",
                             '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                             f'content-types"><Override PartName="/{part}" ContentType="{content_type}"/></Types>')
            archive.writestr(part, "<document/>")
        else:
            mimetype = {"odt": "application/vnd.oasis.opendocument.text",
                        "ods": "application/vnd.oasis.opendocument.spreadsheet"}[kind]
            if not mimetype_first:
                archive.writestr("content.xml", "<office:document-content/>")
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
            if mimetype_first:
                archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def _image(kind: str) -> bytes:
    out = BytesIO()
    Image.new("RGB", (20, 10), "teal").save(out, kind)
    return out.getvalue()


def _send_any(content: bytes, name: str, content_type: str = "application/octet-stream") -> AnyDocumentForm:
    return AnyDocumentForm(data={"title": "Årsredovisning 2025"},
                           files={"file": SimpleUploadedFile(name, content, content_type=content_type)})


@pytest.mark.parametrize(("content", "name", "kind", "content_type"), [
    (_office("docx"), "Verksamhetsberättelse.docx", "docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (_office("xlsx"), "Budget.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (_office("odt"), "Protokoll.odt", "odt", "application/vnd.oasis.opendocument.text"),
    (_office("ods"), "Resultat.ods", "ods", "application/vnd.oasis.opendocument.spreadsheet"),
    (_image("PNG"), "firmatecknare.png", "png", "image/png"),
    (_image("JPEG"), "protokoll-sida-1.JPG", "jpg", "image/jpeg"),
    (_office("docx"), "utan-tillagg", "docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
], ids=["docx", "xlsx", "odt", "ods", "png", "jpeg", "no-extension"])
def test_images_and_office_documents_are_told_by_their_content(db, content, name, kind, content_type):
    form = _send_any(content, name)
    assert form.is_valid(), form.errors
    upload = form.cleaned_data["file"]
    assert upload.name.endswith(f".{kind}") and upload.content_type == content_type


@pytest.mark.parametrize(("content", "name"), [
    (b"MZ\x90\x00\x03\x00 This program cannot be run in DOS mode", "verksamhetsberattelse.docx"),
    (b"MZ\x90\x00\x03\x00 This program cannot be run in DOS mode", "bild.jpg"),
    (_office("docx", macro=True), "makro.docx"),  # Word with macros names another main type
    (_office("odt", mimetype_first=False), "protokoll.odt"),  # mimetype not first: not OpenDocument
    (_image("GIF"), "bild.gif"),  # an image of a kind not on the list
], ids=["exe-named-docx", "exe-named-jpg", "macro-docx", "odt-without-marker", "gif"])
def test_a_renamed_program_or_a_broken_container_is_refused(db, content, name):
    form = _send_any(content, name)
    assert not form.is_valid()
    assert form.errors["file"] == [unescape(says(
        "The file is not a document we accept. Choose a file of this kind: %(kinds)s.",
        kinds=", ".join(DOCUMENT_KINDS[k].label for k in ALL_KINDS)))]
    assert form.cleaned_data["title"] == "Årsredovisning 2025"


@pytest.mark.parametrize(("content", "name"), [
    (b"PK\x03\x04" + b"\x00" * 40, "budget.xlsx"),  # a zip header and nothing of a document
    (_office("docx")[:60], "plan.docx"),  # the central directory never came
    (_image("PNG")[:40], "bild.png"),
    (_image("JPEG")[:200], "bild.jpg"),
    (PDF[:30], "budget.pdf"),  # no %%EOF
], ids=["empty-zip", "cut-docx", "cut-png", "cut-jpeg", "cut-pdf"])
def test_a_file_cut_off_halfway_is_refused_as_incomplete(db, content, name):
    form = _send_any(content, name)
    assert not form.is_valid()
    assert form.errors["file"] == [unescape(says(
        "The file is incomplete or damaged; the upload may have been interrupted. Choose the file and send it again."))]
    assert form.cleaned_data["title"] == "Årsredovisning 2025"


@pytest.mark.parametrize(("content", "name", "claimed", "kind"), [
    (PDF, "budget.docx", "docx", "PDF"),
    (_office("xlsx"), "budget.pdf", "pdf", "Excel (xlsx)"),
    (_image("PNG"), "foto.jpg", "jpg", "PNG"),
    (PDF, "faktura.pdf.exe", "exe", "PDF"),
], ids=["pdf-named-docx", "xlsx-named-pdf", "png-named-jpg", "pdf-named-exe"])
def test_a_file_whose_name_lies_about_its_kind_is_refused_with_what_it_is(db, content, name, claimed, kind):
    form = _send_any(content, name)
    assert not form.is_valid()
    assert form.errors["file"] == [unescape(says("The file's name says .%(claimed)s, but it is a %(kind)s file. "
                                                 "Rename it or choose the right file.", claimed=claimed, kind=kind))]

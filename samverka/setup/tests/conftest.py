"""Files as register systems export them, built in the tests: Windows-1252 with semicolons,
UTF-8 with a byte order mark and commas, Excel with real dates; and Maja, the administrator,
logged in."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from stdnum import luhn

from samverka.core import storage


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Each test's private files in a folder of its own."""
    monkeypatch.setattr(storage.private, "_wrapped", FileSystemStorage(location=tmp_path / "private"))
    return tmp_path / "private"


def orgnr(n: int) -> str:
    """A valid organisation number of a non-profit association (802…), the n:th."""
    digits = f"802{n:06d}"
    return f"{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"


def csv_file(rows: list[list[str]], *, encoding: str = "cp1252", delimiter: str = ";",
             name: str = "foreningsregister.csv") -> SimpleUploadedFile:
    text = "\r\n".join(delimiter.join(cell for cell in row) for row in rows) + "\r\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list], *, name: str = "foreningsregister.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cell in sheet["D"][1:]:
        cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


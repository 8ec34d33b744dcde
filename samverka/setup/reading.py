"""Reading the files that register systems export: CSV in any of UTF-8 (with or without a byte
order mark) or Windows-1252, comma or semicolon (sniffed), and Excel (.xlsx, read-only, row by
row). Both give rows as lists of strings (Excel dates as ISO dates), so a 50 000-row file is
streamed, never held whole."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import IO

from django.utils.translation import gettext as _

from samverka.core.errors import ActionError

SNIFF_BYTES = 64 * 1024
XLSX_MAGIC = b"PK\x03\x04"


def file_format(name: str, head: bytes) -> str:
    """"xlsx" or "csv" from the file's first bytes (its name only breaks a tie). Raises ActionError."""
    if head.startswith(XLSX_MAGIC):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ActionError(_("This is an old Excel file (.xls). Save it as .xlsx or as CSV and upload it again."))
    if b"\x00" in head[:4096]:
        raise ActionError(_("The file is neither a CSV file nor an Excel file (.xlsx)."))
    return "csv"


def encoding_of(handle: IO[bytes]) -> str:
    """utf-8-sig when every byte of the file is UTF-8, otherwise cp1252 (what Excel on Windows
    saves as "CSV"). Reads the file once, in chunks."""
    handle.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(SNIFF_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        found = "utf-8-sig"
    except UnicodeDecodeError:
        found = "cp1252"
    handle.seek(0)
    return found


def _dialect(sample: str):
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        dialect = csv.excel()
        dialect.delimiter = ";" if first.count(";") > first.count(",") else ","
        return dialect


def csv_rows(handle: IO[bytes]) -> Iterator[list[str]]:
    encoding = encoding_of(handle)
    text = io.TextIOWrapper(handle, encoding=encoding, errors="replace" if encoding == "cp1252" else "strict",
                            newline="")
    sample = text.read(SNIFF_BYTES)
    dialect = _dialect(sample)
    text.seek(0)
    try:
        for row in csv.reader(text, dialect):
            yield [cell.strip() for cell in row]
    finally:
        text.detach()


def cell_text(value) -> str:
    """An Excel cell as text: dates as ISO dates, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_rows(handle: IO[bytes]) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    handle.seek(0)
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ActionError(_("The Excel file could not be read. Open it in Excel, save it again as .xlsx and "
                            "upload it again.")) from error
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [cell_text(value) for value in row]
    finally:
        book.close()


def rows(handle: IO[bytes], fmt: str) -> Iterator[list[str]]:
    """Every row of the file, the header row first; empty rows skipped."""
    reader = xlsx_rows(handle) if fmt == "xlsx" else csv_rows(handle)
    try:
        for row in reader:
            if any(row):
                yield row
    except UnicodeDecodeError as error:
        raise ActionError(_("The file's characters could not be read. Save it as CSV UTF-8 and upload it again.")) \
            from error
    except csv.Error as error:
        raise ActionError(_("The CSV file could not be read: %(reason)s") % {"reason": error}) from error

"""Export writers: spreadsheets (XLSX, CSV) and PDF (typst). No business rules here: callers
give columns and rows, these functions only know how to write them safely.

Formula injection (OWASP "CSV Injection"): a text cell starting with = + - @, a tab or a
carriage return would be run as a formula by Excel or LibreOffice. Such texts are written as
text in XLSX (a string cell with the "quote prefix" style, as Excel does when one types 'x) and
prefixed with an apostrophe in CSV. Numbers and dates are never prefixed: a negative amount
stays a number.
"""

import csv
import datetime
import decimal
import io
import string
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils import timezone

__all__ = [
    "Column",
    "write_xlsx",
    "write_csv",
    "xlsx_bytes",
    "csv_bytes",
    "neutralised",
    "pdf_from_typst",
    "typst_text",
]

# The characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
MIN_WIDTH = 10
MAX_WIDTH = 60


@dataclass(frozen=True)
class Column:
    """One column: its French header, how to read its value from a row, its width in
    characters (defaults to the header's)."""

    header: str
    value: Callable[[Any], Any]
    width: int | None = None

    @property
    def chars(self) -> int:
        return max(MIN_WIDTH, min(MAX_WIDTH, self.width or len(str(self.header)) + 2))


def neutralised(text: str) -> str:
    """The text as a spreadsheet must show it: prefixed with an apostrophe when it would
    otherwise be read as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _local(value: datetime.datetime) -> datetime.datetime:
    # Spreadsheets have no time zones: the local wall-clock time, as the pages show it.
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


# --- XLSX -----------------------------------------------------------------------------------


def write_xlsx(out: IO[bytes], *, columns: list[Column], rows: Iterable[Any], title: str = "Export") -> int:
    """Write the rows as one XLSX sheet to `out`; returns the number of rows written.

    Write-only mode: memory stays flat whatever the number of rows (a background export may
    hold tens of thousands). Numbers, dates and booleans are typed cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    # Both must be set before the first row in write-only mode.
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.chars
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=neutralised(str(column.header)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, WriteOnlyCell, column.value(row)) for column in columns])
        count += 1
    workbook.save(out)
    return count


def _sheet_title(title: str) -> str:
    # Excel refuses these characters and more than 31 characters in a sheet's name.
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in str(title)).strip()
    return (cleaned or "Export")[:31]


def _xlsx_cell(sheet, cell_class, value: Any):
    if value is None:
        return None
    if isinstance(value, bool | int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.datetime):
        cell = cell_class(sheet, value=_local(value))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = cell_class(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    text = _printable(str(value))
    cell = cell_class(sheet, value=text)
    # openpyxl reads any text starting with "=" as a formula: a string cell, always.
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def _printable(text: str) -> str:
    # XML 1.0 (the XLSX format) has no place for control characters other than tab and newlines.
    return "".join(char for char in text if char in "\t\n\r" or ord(char) >= 32)


# --- CSV ------------------------------------------------------------------------------------


def write_csv(out: IO[bytes], *, columns: list[Column], rows: Iterable[Any]) -> int:
    """Write the rows as CSV for French Excel to `out`: UTF-8 with a byte order mark (else Excel
    reads it as Windows-1252), ";" between fields, decimal commas, dates as 31/12/2026.
    Returns the number of rows written."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralised(str(column.header)) for column in columns])
    count = 0
    for row in rows:
        writer.writerow([_csv_value(column.value(row)) for column in columns])
        count += 1
    text.flush()
    text.detach()  # leave `out` open for the caller
    return count


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return neutralised(str(value))


def xlsx_bytes(*, columns: list[Column], rows: Iterable[Any], title: str = "Export") -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, columns=columns, rows=rows, title=title)
    return buffer.getvalue()


def csv_bytes(*, columns: list[Column], rows: Iterable[Any]) -> bytes:
    buffer = io.BytesIO()
    write_csv(buffer, columns=columns, rows=rows)
    return buffer.getvalue()


# --- PDF (typst) ----------------------------------------------------------------------------

# Characters with a meaning in typst markup (emphasis, headings, lists, code, maths, labels,
# references, comments, escapes, links...). Each is written escaped by a backslash. Quotes
# are left alone: typst only turns them into French-friendly typographic quotes.
_TYPST_SPECIAL = frozenset(string.punctuation) - frozenset("'\",;!?%&()|^")


def typst_text(value: Any) -> str:
    """User text made safe for typst markup: every special character escaped, so that "#1",
    "*gras*", "$x$" or "<tag>" print as typed and can run no code. Line breaks are kept."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        escaped = "".join(
            "\\" + char if char in _TYPST_SPECIAL else (" " if char == "\t" else char)
            for char in line
            if char == "\t" or ord(char) >= 32
        )
        lines.append(escaped.strip())
    # A backslash at the end of a line is typst's line break.
    return " \\\n".join(lines)


def pdf_from_typst(source: str, *, files: dict[str, bytes | str] | None = None) -> bytes:
    """Compile a typst document to PDF with the fonts bundled with the `typst` package only
    (the same output on every machine, nothing read from the system). `files` are extra files
    the source may read (`#image("logo.png")`, `#json("data.json")`), by relative name.

    User text must go through `typst_text` (markup) or a data file, never straight in."""
    import typst

    with tempfile.TemporaryDirectory(prefix="accesdirect-typst-") as folder:
        root = Path(folder)
        for name, content in (files or {}).items():
            path = (root / name).resolve()
            if root.resolve() not in path.parents:
                raise ValueError(f"typst file outside the document's folder: {name}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode() if isinstance(content, str) else content)
        main = root / "main.typ"
        main.write_text(source, encoding="utf-8")
        compiler = typst.Compiler(
            str(main),
            root=folder,
            ignore_system_fonts=True,
            # No package downloads: an "@preview/..." import fails instead of reaching the network.
            package_path=folder,
            package_cache_path=folder,
        )
        return compiler.compile(format="pdf", timestamp=int(timezone.now().timestamp()))

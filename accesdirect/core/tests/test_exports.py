import datetime
import decimal
import io
import json

import openpyxl
import pytest
import typst
from django.utils import timezone

from accesdirect.core.exports import Column, csv_bytes, pdf_from_typst, typst_text, xlsx_bytes

TRICKY_NAME = "Zoé #1 *gras* $x$ [lien] @ref \\ <tag>"
FORMULAS = ['=HYPERLINK("http://x")', "+33 6", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]

COLUMNS = [
    Column("Nom", lambda row: row["name"], width=30),
    Column("Né le", lambda row: row["born"]),
    Column("Montant", lambda row: row["amount"]),
    Column("Nombre", lambda row: row["count"]),
    Column("Mis à jour", lambda row: row["at"]),
    Column("Actif", lambda row: row["active"]),
]


def _rows():
    at = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 30))
    return [
        {
            "name": "Zoé Ça",
            "born": datetime.date(1990, 5, 17),
            "amount": decimal.Decimal("-1234.50"),
            "count": 7,
            "at": at,
            "active": True,
        },
        *(
            {"name": formula, "born": None, "amount": None, "count": -3, "at": None, "active": False}
            for formula in FORMULAS
        ),
    ]


def test_xlsx_has_typed_cells_french_headers_widths_and_a_frozen_header():
    content = xlsx_bytes(columns=COLUMNS, rows=_rows(), title="Personnes")
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Personnes"]
    assert [cell.value for cell in sheet[1]] == ["Nom", "Né le", "Montant", "Nombre", "Mis à jour", "Actif"]
    assert sheet[1][0].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 30
    name, born, amount, count, at, active = sheet[2]
    assert born.value == datetime.datetime(1990, 5, 17) and born.number_format == "DD/MM/YYYY"
    assert amount.value == -1234.5 and amount.data_type == "n"
    assert count.value == 7 and count.data_type == "n"
    # Local wall-clock time, as the pages show it.
    assert at.value == datetime.datetime(2026, 3, 1, 9, 30)
    assert active.value is True


def test_xlsx_writes_formula_like_text_as_text():
    content = xlsx_bytes(columns=COLUMNS, rows=_rows())
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=3)]
    # XML readers turn a carriage return into a line feed.
    assert [cell.value.replace("\n", "\r") for cell in names] == FORMULAS
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in names)
    # A negative number stays a number.
    assert sheet.cell(row=4, column=4).value == -3


def test_csv_is_utf8_with_bom_semicolons_french_numbers_and_neutralised_formulas():
    content = csv_bytes(columns=COLUMNS, rows=_rows())
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Nom;Né le;Montant;Nombre;Mis à jour;Actif"
    assert lines[1] == "Zoé Ça;17/05/1990;-1234,50;7;01/03/2026 09:30;oui"
    assert lines[2] == '"\'=HYPERLINK(""http://x"")";;;-3;;non'
    assert [line.split(";")[0].lstrip('"')[0] for line in lines[2:8]] == ["'"] * 6


def _plain(content: dict) -> str:
    """The text of typst content, as typst itself reads it back."""
    if content.get("func") == "space":
        return " "
    if content.get("func") == "linebreak":
        return "\n"
    if content.get("func") == "smartquote":
        return '"' if content["double"] else "'"
    if "text" in content:
        return content["text"]
    return "".join(_plain(child) for child in content.get("children", [content.get("body") or {}]))


@pytest.mark.parametrize(
    "text",
    [
        TRICKY_NAME,
        "= Titre\n- liste\n+ énuméré\n1. un\n/ terme: def",
        "// commentaire /* bloc */ `code` _souligné_ ~ http://exemple.fr #let x = 1",
        'L\'entreprise "Dupont & fils" (100 %) ; ok ! ça ?',
    ],
)
def test_typst_text_prints_user_text_as_typed(text):
    compiler = typst.Compiler(f"#box[{typst_text(text)}] <t>\n".encode())
    (box,) = json.loads(compiler.query("<t>", format="json"))
    assert _plain(box["body"]).replace(" \n ", "\n") == text


def test_typst_text_strips_control_characters():
    assert typst_text("a\x00b\x07c") == "abc"


def test_pdf_from_typst_compiles_with_files_and_user_text():
    source = '#let data = json("data.json")\n= Suivi de ' + typst_text(TRICKY_NAME) + '\n#data.at("n")\n'
    pdf = pdf_from_typst(source, files={"data.json": json.dumps({"n": "42"})})
    assert pdf.startswith(b"%PDF-")


def test_pdf_from_typst_refuses_files_outside_its_folder():
    with pytest.raises(ValueError):
        pdf_from_typst("x", files={"../evil.typ": "x"})


def test_pdf_from_typst_reaches_no_package_registry():
    with pytest.raises(typst.TypstError):
        pdf_from_typst('#import "@preview/cetz:0.3.0": canvas\n')

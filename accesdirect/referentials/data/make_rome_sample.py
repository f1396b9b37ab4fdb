"""Build the ROME sample shipped with the project from the official France Travail export.

    python accesdirect/referentials/data/make_rome_sample.py /path/to/rome-v460

Keeps the fiches of the low-qualification jobs the structures place people in (cleaning,
personal services, catering, retail, logistics, agriculture, green spaces, building,
transport, industry) with all their appellations, the mobility links between them, their
domaines and grands domaines and the NAF sectors they belong to. The files keep the official
names, columns, quoting and encodings (unix_arborescence_secteur_naf stays ISO-8859-15), so
that the sample exercises the same traps as the real export. The labels of the appellations
of a few fiches are written with typographic apostrophes (’), as found in copies of the
files, to exercise the importer's normalisation.
"""

import csv
import io
import sys
from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent / "rome-sample"
VERSION = "460"

FICHES = {
    # cleaning
    "K2201", "K2202", "K2203", "K2204", "K2303", "K2304",
    # personal services
    "K1302", "K1303", "K1304", "K1305", "K1311",
    # catering, hotels
    "G1501", "G1502", "G1503", "G1602", "G1603", "G1605", "G1801", "G1803",
    # retail, food trades
    "D1101", "D1102", "D1104", "D1106", "D1505", "D1506", "D1507",
    # logistics
    "N1101", "N1103", "N1105",
    # agriculture, green spaces
    "A1203", "A1401", "A1405", "A1414",
    # building
    "F1602", "F1603", "F1604", "F1606", "F1701", "F1702", "F1703",
    # transport
    "N4101", "N4102", "N4103", "N4105",
    # industry
    "H3301", "H3302",
}  # fmt: skip
TYPOGRAPHIC_APOSTROPHE_FICHES = {"A1203", "K1303", "G1801"}


def read(path: Path) -> tuple[str, list[str], list[dict[str, str]]]:
    data = path.read_bytes()
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("iso-8859-15"), "iso-8859-15"
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return encoding, list(reader.fieldnames), list(reader)


def write(name: str, encoding: str, columns: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (SAMPLE_DIR / name).write_bytes(buffer.getvalue().encode(encoding))
    print(f"{name}: {len(rows)} rows ({encoding})")


def build(official_dir: Path) -> None:
    SAMPLE_DIR.mkdir(exist_ok=True)

    def table(name: str):
        file_name = f"unix_{name}_v{VERSION}_utf8.csv"
        return (file_name, *read(official_dir / file_name))

    name, encoding, columns, rows = table("cr_gd_dp")
    tree = [row for row in rows if row["code_rome"] in FICHES]
    domaines = {row["code_domaine_professionel"] for row in tree}
    grands_domaines = {row["code_grand_domaine"] for row in tree}
    write(name, encoding, columns, tree)

    name, encoding, columns, rows = table("referentiel_code_rome")
    write(name, encoding, columns, [row for row in rows if row["code_rome"] in FICHES])

    name, encoding, columns, rows = table("grand_domaine")
    write(name, encoding, columns, [row for row in rows if row["code_grand_domaine"] in grands_domaines])

    name, encoding, columns, rows = table("domaine_professionnel")
    write(name, encoding, columns, [row for row in rows if row["code_domaine_professionnel"] in domaines])

    name, encoding, columns, rows = table("referentiel_appellation")
    appellations = [row for row in rows if row["code_rome"] in FICHES]
    for row in appellations:
        if row["code_rome"] in TYPOGRAPHIC_APOSTROPHE_FICHES:
            row["libelle_appellation_long"] = row["libelle_appellation_long"].replace("'", "\u2019")
    write(name, encoding, columns, appellations)

    name, encoding, columns, rows = table("rubrique_mobilite")
    write(
        name,
        encoding,
        columns,
        [row for row in rows if row["code_rome"] in FICHES and row["code_rome_cible"] in FICHES],
    )

    name, encoding, columns, rows = table("arborescence_secteur_naf")
    sector_tree = [row for row in rows if row["code_rome"] in FICHES]
    sectors = {row["code_secteur_naf"] for row in sector_tree}
    write(name, encoding, columns, sector_tree)

    name, encoding, columns, rows = table("secteur_naf")
    write(name, encoding, columns, [row for row in rows if row["code_secteur_naf"] in sectors])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_rome_sample.py OFFICIAL_ROME_DIR")
    build(Path(sys.argv[1]))

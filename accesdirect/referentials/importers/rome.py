"""Import of the ROME 4.0 from the official France Travail export ("unix_*_v460_utf8.csv").

Traps of the real files, handled here:
- the encoding is read from the content, not the name: unix_arborescence_secteur_naf is
  ISO-8859-15 although it is named "utf8";
- some headers misspell "professionel";
- apostrophes come as ' or ’ depending on the source of the copy;
- the version is only in the file names (`_v460_`); it is stored with every fiche and
  appellation because a ROME code can change meaning between versions.

The whole import is one transaction of bulk upserts keyed on the official codes: re-running
it updates rows in place, never duplicates them. Appellations and fiches absent from a newer
version are kept, since offers and target jobs point to them.
"""

import csv
import io
import lzma
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.db import transaction

from ..models import (
    Appellation,
    DomaineProfessionnel,
    Fiche,
    FicheMobility,
    GrandDomaine,
    RomeSector,
    RomeVersion,
)
from ..text import clean_label, fold
from . import ReferentialImportError, referential_load_record

FILE_NAME = re.compile(r"^unix_(?P<name>.+?)_v(?P<version>\d+)_\w+\.csv$", re.IGNORECASE)

# The columns read in each file; other columns of the official files are ignored.
REQUIRED_COLUMNS = {
    "grand_domaine": ("code_grand_domaine", "libelle_grand_domaine"),
    "domaine_professionnel": ("code_domaine_professionnel", "libelle_domaine_professionnel"),
    "referentiel_code_rome": ("code_rome", "libelle_rome"),
    "cr_gd_dp": ("code_rome", "code_grand_domaine", "code_domaine_professionnel"),
    "referentiel_appellation": (
        "code_ogr",
        "libelle_appellation_long",
        "libelle_appellation_court",
        "code_rome",
    ),
    "rubrique_mobilite": ("code_rome", "code_rome_cible", "numero_ordre"),
    "secteur_naf": ("code_secteur_naf", "libelle_secteur_naf"),
    "arborescence_secteur_naf": ("code_secteur_naf", "code_rome"),
}

# Columns read when present: older exports and hand-made files may lack them.
OPTIONAL_COLUMNS = {
    "referentiel_code_rome": ("code_rome_parent",),
}

# Spellings found in official exports, mapped to the names used above.
HEADER_ALIASES = {
    "code_domaine_professionel": "code_domaine_professionnel",
    "libelle_domaine_professionel": "libelle_domaine_professionnel",
}

BATCH_SIZE = 1000


@dataclass
class RomeImportResult:
    version: str
    grands_domaines: int
    domaines: int
    fiches: int
    appellations: int
    mobilities: int
    sectors: int

    def summary(self) -> str:
        return (
            f"ROME v{self.version} importé : {self.grands_domaines} grands domaines, "
            f"{self.domaines} domaines professionnels, {self.fiches} fiches, "
            f"{self.appellations} appellations, {self.mobilities} mobilités, {self.sectors} secteurs."
        )


@dataclass(frozen=True)
class RomeFile:
    name: str
    data: bytes


def rome_files(source: Path) -> tuple[str, dict[str, RomeFile]]:
    """The version and the file of each required table, read from a folder of the export or
    from an archive of it (the shipped .tar.xz is read in memory, never extracted)."""
    source = Path(source)
    if source.is_dir():
        paths = {path.name: path for path in sorted(source.iterdir()) if path.is_file()}
        version, names = _table_names(source, paths)
        return version, {table: RomeFile(name, paths[name].read_bytes()) for table, name in names.items()}
    if not source.is_file():
        raise ReferentialImportError(f"Le dossier ou l'archive « {source} » n'existe pas.")
    try:
        with tarfile.open(source) as archive:
            members = {PurePosixPath(m.name).name: m for m in archive.getmembers() if m.isfile()}
            version, names = _table_names(source, members)
            tables = {name: table for table, name in names.items()}
            # In archive order: a compressed archive is a stream that going back decompresses again.
            files = {
                tables[name]: RomeFile(name, archive.extractfile(member).read())
                for name, member in members.items()
                if name in tables
            }
    except (tarfile.TarError, EOFError, lzma.LZMAError) as error:
        raise ReferentialImportError(
            f"« {source} » n'est ni un dossier ni une archive lisible (.tar.xz) de l'export du ROME."
        ) from error
    return version, {table: files[table] for table in REQUIRED_COLUMNS}


def _table_names(source: Path, file_names) -> tuple[str, dict[str, str]]:
    """The version and the file name of each required table among `file_names`."""
    found: dict[str, dict[str, str]] = {}
    for name in sorted(file_names):
        match = FILE_NAME.match(name)
        if match:
            found.setdefault(match["version"], {})[match["name"].lower()] = name
    if not found:
        raise ReferentialImportError(
            f"Aucun fichier du ROME (« unix_<table>_v<version>_utf8.csv ») dans « {source} »."
        )
    if len(found) > 1:
        versions = ", ".join(sorted(found))
        raise ReferentialImportError(
            f"« {source} » mélange plusieurs versions du ROME ({versions}) : "
            "gardez les fichiers d'une seule version."
        )
    version, names = next(iter(found.items()))
    missing = [f"unix_{table}_v{version}_utf8.csv" for table in REQUIRED_COLUMNS if table not in names]
    if missing:
        raise ReferentialImportError(f"Fichier(s) manquant(s) dans « {source} » : {', '.join(missing)}.")
    return version, {table: names[table] for table in REQUIRED_COLUMNS}


def decode(data: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8, else ISO-8859-15 (whatever the file name says)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("iso-8859-15")


def read_rome_csv(file: RomeFile, table: str) -> list[dict[str, str]]:
    """The rows of one file as dicts of the required columns, values cleaned."""
    reader = csv.reader(io.StringIO(decode(file.data), newline=""))
    header = next(reader, None)
    if header is None:
        raise ReferentialImportError(f"Le fichier « {file.name} » est vide.")
    columns = [HEADER_ALIASES.get(name, name) for name in (h.strip().lower() for h in header)]
    required = REQUIRED_COLUMNS[table]
    unknown = [name for name in required if name not in columns]
    if unknown:
        raise ReferentialImportError(
            f"En-tête inconnu dans « {file.name} » : colonne(s) {', '.join(unknown)} introuvable(s) "
            f"(colonnes lues : {', '.join(columns)})."
        )
    positions = [(name, columns.index(name)) for name in required]
    positions += [(name, columns.index(name)) for name in OPTIONAL_COLUMNS.get(table, ()) if name in columns]
    rows = []
    for line_number, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) < len(columns):
            raise ReferentialImportError(
                f"Ligne {line_number} de « {file.name} » incomplète : {len(row)} valeurs "
                f"pour {len(columns)} colonnes."
            )
        rows.append({name: clean_label(row[index]) for name, index in positions})
    return rows


@transaction.atomic
def rome_import(*, source: Path) -> RomeImportResult:
    """Import the export in `source`: a folder of its CSV files, or an archive of them such as
    the official export shipped with the project (settings.ROME_EXPORT)."""
    version, files = rome_files(source)
    tables = {table: read_rome_csv(file, table) for table, file in files.items()}
    rome_version, created = RomeVersion.objects.get_or_create(version=version)
    if not created:
        rome_version.save(update_fields=["imported_at"])

    grand_domaine_ids = _upsert(
        GrandDomaine,
        [
            GrandDomaine(code=row["code_grand_domaine"], label=row["libelle_grand_domaine"])
            for row in tables["grand_domaine"]
        ],
        update_fields=["label"],
    )
    domaine_to_grand_domaine = {
        row["code_domaine_professionnel"]: row["code_grand_domaine"] for row in tables["cr_gd_dp"]
    }
    domaine_ids = _upsert(
        DomaineProfessionnel,
        [
            DomaineProfessionnel(
                code=code,
                label=row["libelle_domaine_professionnel"],
                grand_domaine_id=_lookup(
                    grand_domaine_ids, domaine_to_grand_domaine.get(code, code[:1]), files["grand_domaine"]
                ),
            )
            for row in tables["domaine_professionnel"]
            for code in [row["code_domaine_professionnel"]]
        ],
        update_fields=["label", "grand_domaine"],
    )
    fiche_to_domaine = {row["code_rome"]: row["code_domaine_professionnel"] for row in tables["cr_gd_dp"]}
    fiche_ids = _upsert(
        Fiche,
        [
            Fiche(
                code=code,
                label=row["libelle_rome"],
                domaine_id=_lookup(
                    domaine_ids, fiche_to_domaine.get(code, code[:3]), files["domaine_professionnel"]
                ),
                rome_version=rome_version,
                parent_code=(row.get("code_rome_parent") or code).upper(),
            )
            for row in tables["referentiel_code_rome"]
            for code in [row["code_rome"].upper()]
        ],
        update_fields=["label", "domaine", "rome_version", "parent_code"],
    )
    appellation_count = _import_appellations(
        tables["referentiel_appellation"], fiche_ids, rome_version, files["referentiel_code_rome"]
    )
    mobility_count = _import_mobilities(
        tables["rubrique_mobilite"], fiche_ids, files["referentiel_code_rome"]
    )
    sector_count = _import_sectors(
        tables["secteur_naf"], tables["arborescence_secteur_naf"], fiche_ids, files["referentiel_code_rome"]
    )
    referential_load_record(name="rome", source=f"v{version} {source}", row_count=appellation_count)
    return RomeImportResult(
        version=version,
        grands_domaines=len(tables["grand_domaine"]),
        domaines=len(tables["domaine_professionnel"]),
        fiches=len(tables["referentiel_code_rome"]),
        appellations=appellation_count,
        mobilities=mobility_count,
        sectors=sector_count,
    )


def _import_appellations(rows, fiche_ids, rome_version, fiche_file) -> int:
    appellations = []
    for row in rows:
        fiche_code = row["code_rome"].upper()
        label = row["libelle_appellation_long"]
        appellations.append(
            Appellation(
                code=row["code_ogr"],
                label=label,
                short_label=row["libelle_appellation_court"] or label,
                fiche_id=_lookup(fiche_ids, fiche_code, fiche_file),
                rome_version=rome_version,
                search_text=f"{fold(label)} {fiche_code.lower()}"[:300],
            )
        )
    _upsert(
        Appellation,
        appellations,
        update_fields=["label", "short_label", "fiche", "rome_version", "search_text"],
    )
    return len({appellation.code for appellation in appellations})


def _import_mobilities(rows, fiche_ids, fiche_file) -> int:
    links = {}
    for row in rows:
        source_id = _lookup(fiche_ids, row["code_rome"].upper(), fiche_file)
        target_id = _lookup(fiche_ids, row["code_rome_cible"].upper(), fiche_file)
        links[source_id, target_id] = FicheMobility(
            source_id=source_id, target_id=target_id, order=_integer(row["numero_ordre"], "numero_ordre")
        )
    # The links of the imported fiches are replaced as a whole: a link dropped by a newer
    # version disappears, and nothing else points to these rows.
    FicheMobility.objects.filter(source_id__in=list({source for source, _ in links})).delete()
    FicheMobility.objects.bulk_create(links.values(), batch_size=BATCH_SIZE)
    return len(links)


def _import_sectors(sector_rows, tree_rows, fiche_ids, fiche_file) -> int:
    labels = {row["code_secteur_naf"]: row["libelle_secteur_naf"] for row in sector_rows}
    sector_ids = _upsert(
        RomeSector,
        [RomeSector(code=code, label=label) for code, label in labels.items()],
        update_fields=["label"],
    )
    through = RomeSector.fiches.through
    pairs = set()
    for row in tree_rows:
        sector_code = row["code_secteur_naf"]
        if sector_code not in sector_ids:
            raise ReferentialImportError(
                f"Le secteur « {sector_code} » de l'arborescence est absent du fichier des secteurs."
            )
        pairs.add((sector_ids[sector_code], _lookup(fiche_ids, row["code_rome"].upper(), fiche_file)))
    through.objects.filter(romesector_id__in=list(sector_ids.values())).delete()
    through.objects.bulk_create(
        [through(romesector_id=sector_id, fiche_id=fiche_id) for sector_id, fiche_id in sorted(pairs)],
        batch_size=BATCH_SIZE,
    )
    return len(labels)


def _upsert(model, objects, *, update_fields) -> dict[str, int]:
    """Insert or update rows keyed on `code`; the id of every row by code."""
    unique = {obj.code: obj for obj in objects}  # a code repeated in a file: the last row wins
    model.objects.bulk_create(
        unique.values(),
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=update_fields,
        batch_size=BATCH_SIZE,
    )
    return dict(model.objects.values_list("code", "pk"))


def _lookup(ids: dict[str, int], code: str, file: RomeFile) -> int:
    try:
        return ids[code]
    except KeyError:
        raise ReferentialImportError(f"Le code « {code} » est absent du fichier « {file.name} ».") from None


def _integer(value: str, column: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ReferentialImportError(f"La colonne {column} attend un nombre, lu : « {value} ».") from None

import shutil
import tarfile
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accesdirect.referentials.importers.rome import decode, rome_import
from accesdirect.referentials.models import (
    Appellation,
    DomaineProfessionnel,
    Fiche,
    FicheMobility,
    GrandDomaine,
    ReferentialLoad,
    RomeSector,
    RomeVersion,
)

pytestmark = pytest.mark.django_db

SAMPLE = settings.ROME_SAMPLE_DIR


@pytest.fixture
def sample_copy(tmp_path):
    """A copy of the sample to alter."""
    directory = tmp_path / "rome"
    shutil.copytree(SAMPLE, directory)
    return directory


def test_the_sample_imports_every_table(rome_sample):
    assert rome_sample.version == "460"
    assert Fiche.objects.count() == rome_sample.fiches == 46
    assert Appellation.objects.count() == rome_sample.appellations == 556
    assert FicheMobility.objects.count() == rome_sample.mobilities == 103
    assert GrandDomaine.objects.count() == 7
    assert DomaineProfessionnel.objects.count() == 15
    assert RomeSector.objects.count() == 26
    assert RomeSector.fiches.through.objects.count() == 85


def test_the_sample_covers_the_low_qualification_jobs_of_the_brief(rome_sample):
    codes = set(Fiche.objects.values_list("code", flat=True))
    assert {"K2204", "K1304", "G1602", "D1507", "N1103", "A1203", "F1703", "N4101"} <= codes
    assert Appellation.objects.filter(fiche__code="K2204").count() >= 5
    cleaning = Fiche.objects.get(code="K2204")
    assert cleaning.domaine.code == "K22"
    assert cleaning.domaine.grand_domaine.code == "K"


def test_the_version_read_from_the_file_names_is_stored_on_fiches_and_appellations(rome_sample):
    version = RomeVersion.objects.get()
    assert version.version == "460"
    assert not Fiche.objects.exclude(rome_version=version).exists()
    assert not Appellation.objects.exclude(rome_version=version).exists()


def test_mobility_links_keep_their_order(rome_sample):
    links = FicheMobility.objects.filter(source__code="A1203").order_by("order")
    orders = list(links.values_list("order", flat=True))
    assert orders == sorted(orders)
    assert links.get(target__code="A1414").order == 4
    assert links.get(target__code="N1101").order == 9


def test_the_iso_8859_15_file_named_utf8_is_read_by_its_content(rome_sample):
    raw = (SAMPLE / "unix_arborescence_secteur_naf_v460_utf8.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "Vendeur / Vendeuse en épicerie" in decode(raw)
    catering = RomeSector.objects.get(code="56")
    assert catering.label == "Restauration"
    assert {"G1602", "G1803"} <= set(catering.fiches.values_list("code", flat=True))


def test_utf8_files_keep_their_accents(rome_sample):
    assert Appellation.objects.filter(label="Employé / Employée de ménage").exists()


def test_typographic_apostrophes_are_normalised(rome_sample):
    assert "\u2019" in (SAMPLE / "unix_referentiel_appellation_v460_utf8.csv").read_text()
    appellation = Appellation.objects.get(code="10675")
    assert appellation.label == "Agent / Agente d'entretien des parcs et jardins"
    assert not Appellation.objects.filter(label__contains="\u2019").exists()


def test_search_text_is_lowercase_without_accents_and_carries_the_rome_code(rome_sample):
    appellation = Appellation.objects.get(label="Employé / Employée de ménage")
    assert appellation.search_text == "employe employee de menage k1304"


def test_the_misspelled_header_of_the_official_files_is_accepted(rome_sample):
    header = (SAMPLE / "unix_cr_gd_dp_v460_utf8.csv").read_text().splitlines()[0]
    assert "code_domaine_professionel" in header
    assert Fiche.objects.filter(domaine__code="K22").exists()


def test_the_correct_spelling_of_the_header_is_accepted_too(sample_copy):
    path = sample_copy / "unix_cr_gd_dp_v460_utf8.csv"
    path.write_text(path.read_text().replace("professionel", "professionnel"))
    rome_import(source=sample_copy)
    assert Fiche.objects.get(code="K2204").domaine.code == "K22"


def test_reimporting_updates_in_place_without_duplicates(rome_sample, sample_copy):
    before = dict(Appellation.objects.values_list("code", "pk"))
    path = sample_copy / "unix_referentiel_code_rome_v460_utf8.csv"
    path.write_text(path.read_text().replace("nettoyage industriel", "propreté"))
    rome_import(source=sample_copy)
    rome_import(source=sample_copy)
    assert dict(Appellation.objects.values_list("code", "pk")) == before
    assert Fiche.objects.count() == 46
    assert FicheMobility.objects.count() == 103
    assert RomeSector.fiches.through.objects.count() == 85
    assert RomeVersion.objects.count() == 1
    assert Fiche.objects.get(code="K2204").label == "Agent / Agente de propreté"


def test_the_command_prints_a_one_line_summary(db, capsys):
    call_command("import_rome", SAMPLE)
    output = capsys.readouterr().out.strip()
    assert len(output.splitlines()) == 1
    assert output.startswith("ROME v460 importé : 7 grands domaines")
    assert "556 appellations" in output
    assert ReferentialLoad.objects.get(name="rome").row_count == 556


def test_a_missing_file_is_a_clear_french_error(sample_copy):
    (sample_copy / "unix_rubrique_mobilite_v460_utf8.csv").unlink()
    with pytest.raises(CommandError, match=r"manquant.*unix_rubrique_mobilite_v460_utf8\.csv"):
        call_command("import_rome", sample_copy)
    assert not Fiche.objects.exists()


def test_an_unknown_header_is_a_clear_french_error(sample_copy):
    path = sample_copy / "unix_referentiel_appellation_v460_utf8.csv"
    path.write_text(path.read_text().replace('"code_ogr"', '"code_appellation"', 1))
    with pytest.raises(CommandError, match=r"En-tête inconnu.*code_ogr"):
        call_command("import_rome", sample_copy)
    assert not Fiche.objects.exists()


def test_a_folder_without_rome_files_is_a_clear_french_error(tmp_path, db):
    with pytest.raises(CommandError, match="Aucun fichier du ROME"):
        call_command("import_rome", tmp_path)


def test_an_archive_of_the_export_is_read_without_extracting_it(tmp_path, db):
    archive = tmp_path / "rome.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        for path in sorted(SAMPLE.iterdir()):
            tar.add(path, arcname=f"export/{path.name}")  # a folder inside the archive is fine
    call_command("import_rome", archive, stdout=StringIO())
    assert Appellation.objects.count() == 556
    assert RomeSector.objects.get(code="56").label == "Restauration"  # the ISO-8859-15 file
    assert list(tmp_path.iterdir()) == [archive]


def test_an_archive_missing_a_file_is_a_clear_french_error(tmp_path, db):
    archive = tmp_path / "rome.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        for path in sorted(SAMPLE.iterdir()):
            if "rubrique_mobilite" not in path.name:
                tar.add(path, arcname=path.name)
    with pytest.raises(CommandError, match=r"manquant.*unix_rubrique_mobilite_v460_utf8\.csv"):
        call_command("import_rome", archive)
    assert not Fiche.objects.exists()


def test_a_file_that_is_not_an_archive_is_a_clear_french_error(tmp_path, db):
    not_an_archive = tmp_path / "rome.tar.xz"
    not_an_archive.write_text("code_rome,libelle_rome\n")
    with pytest.raises(CommandError, match="ni un dossier ni une archive lisible"):
        call_command("import_rome", not_an_archive)


def test_a_missing_source_is_a_clear_french_error(tmp_path, db):
    with pytest.raises(CommandError, match="n'existe pas"):
        call_command("import_rome", tmp_path / "absent")


def test_two_versions_in_one_folder_are_refused(sample_copy):
    shutil.copy(
        sample_copy / "unix_grand_domaine_v460_utf8.csv", sample_copy / "unix_grand_domaine_v461_utf8.csv"
    )
    with pytest.raises(CommandError, match="plusieurs versions"):
        call_command("import_rome", sample_copy)


def test_a_code_unknown_to_the_fiche_file_aborts_the_whole_import(sample_copy):
    path = sample_copy / "unix_rubrique_mobilite_v460_utf8.csv"
    path.write_text(path.read_text() + '"K2204","Z9999","7"\n')
    with pytest.raises(CommandError, match="Z9999"):
        call_command("import_rome", sample_copy)
    assert not Appellation.objects.exists()


def test_the_historical_fiche_of_each_fiche_is_kept(rome_sample):
    """ROME 4.0 split some fiches: code_rome_parent names the fiche they come from."""
    assert Fiche.objects.get(code="K1311").parent_code == "K1302"
    assert Fiche.objects.get(code="K2204").parent_code == "K2204"


def test_a_fiche_file_without_the_parent_column_imports_each_fiche_as_its_own_parent(sample_copy):
    path = sample_copy / "unix_referentiel_code_rome_v460_utf8.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n")
    rome_import(source=sample_copy)
    assert Fiche.objects.get(code="K1311").parent_code == "K1311"

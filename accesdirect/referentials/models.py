"""Reference data shared by every structure: ROME 4.0, communes, NAF. Not structure-owned."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RomeVersion(models.Model):
    version = models.CharField(_("version"), max_length=10, unique=True)
    imported_at = models.DateTimeField(_("importée le"), auto_now=True)

    class Meta:
        verbose_name = _("version du ROME")

    def __str__(self):
        return f"ROME v{self.version}"


class GrandDomaine(models.Model):
    code = models.CharField(max_length=1, unique=True)
    label = models.CharField(_("libellé"), max_length=200)

    class Meta:
        verbose_name = _("grand domaine")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class DomaineProfessionnel(models.Model):
    code = models.CharField(max_length=3, unique=True)
    label = models.CharField(_("libellé"), max_length=200)
    grand_domaine = models.ForeignKey(GrandDomaine, on_delete=models.CASCADE, related_name="domaines")

    class Meta:
        verbose_name = _("domaine professionnel")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class Fiche(models.Model):
    """A ROME code (fiche métier), e.g. K2204 "Agent / Agente de nettoyage de locaux"."""

    code = models.CharField(max_length=5, unique=True)
    label = models.CharField(_("libellé"), max_length=200)
    domaine = models.ForeignKey(DomaineProfessionnel, on_delete=models.PROTECT, related_name="fiches")
    rome_version = models.ForeignKey(RomeVersion, on_delete=models.PROTECT, related_name="+")
    # The ROME v3 fiche this one comes from (code_rome_parent): ROME 4.0 split some fiches,
    # and siblings of one parent are the same job "historically". Equal to `code` when unsplit.
    parent_code = models.CharField(_("fiche historique (ROME v3)"), max_length=5, blank=True)
    close_fiches = models.ManyToManyField(
        "self",
        through="FicheMobility",
        symmetrical=False,
        related_name="+",
        verbose_name=_("métiers proches"),
    )

    class Meta:
        verbose_name = _("fiche ROME")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class FicheMobility(models.Model):
    """A mobility link between fiches ("métiers proches"), ordered from the closest (1)."""

    source = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="mobilities")
    target = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("ordre"))

    class Meta:
        verbose_name = _("mobilité entre fiches")
        verbose_name_plural = _("mobilités entre fiches")
        ordering = ["source", "order"]
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="unique_fiche_mobility")]

    def __str__(self):
        return f"{self.source_id} → {self.target_id} ({self.order})"


class Appellation(models.Model):
    """A job title of the ROME (code OGR), the unit a person targets and an offer names."""

    code = models.CharField(_("code OGR"), max_length=10, unique=True)
    label = models.CharField(_("libellé"), max_length=250)
    short_label = models.CharField(_("libellé court"), max_length=250)
    fiche = models.ForeignKey(Fiche, on_delete=models.PROTECT, related_name="appellations")
    rome_version = models.ForeignKey(RomeVersion, on_delete=models.PROTECT, related_name="+")
    search_text = models.CharField(max_length=300, db_index=True, editable=False)

    class Meta:
        verbose_name = _("appellation ROME")
        ordering = ["label"]

    def __str__(self):
        return self.label


class RomeSector(models.Model):
    """A sector of the ROME's NAF-sector table, with the fiches found in it."""

    code = models.CharField(max_length=10, unique=True)
    label = models.CharField(_("libellé"), max_length=250)
    fiches = models.ManyToManyField(Fiche, related_name="sectors", blank=True)

    class Meta:
        verbose_name = _("secteur (ROME)")
        verbose_name_plural = _("secteurs (ROME)")
        ordering = ["label"]

    def __str__(self):
        return self.label


class Commune(models.Model):
    insee_code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    postal_codes = models.CharField(_("codes postaux"), max_length=200, blank=True)
    departement = models.CharField(_("département"), max_length=3, db_index=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    population = models.PositiveIntegerField(default=0)
    search_text = models.CharField(max_length=220, db_index=True, editable=False)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]

    def __str__(self):
        first_postal_code = self.postal_codes.split(" ", 1)[0]
        return f"{self.name} ({first_postal_code or self.departement})"


class NafCode(models.Model):
    """NAF rév. 2 sub-class (e.g. 81.21Z), the sector of a company."""

    code = models.CharField(max_length=6, unique=True)
    label = models.CharField(_("libellé"), max_length=250)
    section = models.CharField(max_length=1)
    section_label = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = _("code NAF")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class ReferentialLoad(models.Model):
    """The last successful load of one referential ("rome", "naf", "communes", or
    "communes:40,64" for a load limited to some départements): a cheap "already loaded?"
    check for the set-up, and a trace for the operators."""

    name = models.CharField(_("référentiel"), max_length=100, unique=True)
    source = models.CharField(max_length=300, blank=True)
    row_count = models.PositiveIntegerField(_("lignes"), default=0)
    loaded_at = models.DateTimeField(_("chargé le"), auto_now=True)

    class Meta:
        verbose_name = _("chargement de référentiel")
        ordering = ["name"]

    def __str__(self):
        return self.name

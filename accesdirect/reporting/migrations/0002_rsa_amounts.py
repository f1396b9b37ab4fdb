"""The monthly RSA (montant forfaitaire, before the forfait logement and other resources) from
1 April of each year, per household type.

Sources: the yearly décrets portant revalorisation du montant forfaitaire du revenu de
solidarité active (1 April; article L262-2 and R262-1 of the Code de l'action sociale et des
familles for the scale: a couple or a single parent with one child × 1.5, two people in charge
× 1.8, a third × 2.1), as published by the CAF and service-public.fr:
- 2023 (+1.6 %): 607.75 € single; 911.62 € (couple, or single with one child); 1,093.95 €;
  1,276.26 € (couple with two children). The published figures, computed from the unrounded base.
- 2024 (+4.6 %): 635.71 €; 953.57 €; 1,144.28 €; 1,334.99 €.
- 2025 (+1.7 %): 646.52 €; 969.78 €. The 1.8 and 2.1 figures (1,163.74 €, 1,357.69 €) are
  computed from the scale's coefficients, not read in the decree: to check (a cent may differ).
  Since checked: see 0003.
- 2026: NOT VERIFIED. The April 2026 decree was not at hand when this was written; 652.34 € is
  the estimate (+0.9 %, Commission des comptes de la Sécurité sociale, October 2025) and the
  other household types follow the coefficients. The `source` column says so on the page: the
  direction corrects it in the admin ("Montants du RSA").
The amounts are data, not code: a new year is added in the admin, never by a migration.
"""

from decimal import Decimal

from django.db import migrations

VERIFIED = "Décret de revalorisation du RSA au 1er avril {year} (montants publiés par la CAF)"
COMPUTED = "Décret de revalorisation du RSA au 1er avril {year} ; montant calculé par le barème, à vérifier"
ESTIMATED = "Estimation (+0,9 %), à vérifier avec le décret du 1er avril 2026"

AMOUNTS = {
    2023: {
        "single": ("607.75", VERIFIED),
        "single_1": ("911.62", VERIFIED),
        "couple": ("911.62", VERIFIED),
        "single_2": ("1093.95", VERIFIED),
        "couple_1": ("1093.95", VERIFIED),
        "couple_2": ("1276.26", VERIFIED),
    },
    2024: {
        "single": ("635.71", VERIFIED),
        "single_1": ("953.57", VERIFIED),
        "couple": ("953.57", VERIFIED),
        "single_2": ("1144.28", VERIFIED),
        "couple_1": ("1144.28", VERIFIED),
        "couple_2": ("1334.99", VERIFIED),
    },
    2025: {
        "single": ("646.52", VERIFIED),
        "single_1": ("969.78", VERIFIED),
        "couple": ("969.78", VERIFIED),
        "single_2": ("1163.74", COMPUTED),
        "couple_1": ("1163.74", COMPUTED),
        "couple_2": ("1357.69", COMPUTED),
    },
    2026: {
        "single": ("652.34", ESTIMATED),
        "single_1": ("978.51", ESTIMATED),
        "couple": ("978.51", ESTIMATED),
        "single_2": ("1174.21", ESTIMATED),
        "couple_1": ("1174.21", ESTIMATED),
        "couple_2": ("1369.91", ESTIMATED),
    },
}


def seed(apps, schema_editor):
    RsaAmount = apps.get_model("reporting", "RsaAmount")
    for year, households in AMOUNTS.items():
        for household, (amount, source) in households.items():
            RsaAmount.objects.update_or_create(
                year=year,
                household=household,
                defaults={"monthly_amount": Decimal(amount), "source": source.format(year=year)},
            )


def unseed(apps, schema_editor):
    apps.get_model("reporting", "RsaAmount").objects.filter(year__in=AMOUNTS).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

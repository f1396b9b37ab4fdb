"""The one-page record of a person as PDF ("GEADE prints in one go the follow-up and all actions
of a person"): the same facts as the printable page, laid out in typst.

The view gathers the rows (`_record()` plus the immersions); this module only writes them as
typst markup. Every text that comes from a person goes through `typst_text`, so that a name
like "Zoé #1 *gras*" prints as typed. Long journals flow over as many pages as needed: tables
break across pages and repeat their header.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accesdirect.core.exports import pdf_from_typst, typst_text
from accesdirect.core.templatetags.formats import phone

PREAMBLE = """#set document(title: "{title}")
#set page(paper: "a4", margin: (x: 1.6cm, y: 1.8cm),
  footer: context [#set text(size: 8pt, fill: luma(90)); {footer} #h(1fr)
    #counter(page).display("1 / 1", both: true)])
#set text(lang: "fr", size: 9.5pt)
#set par(justify: false)
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 2): it => block(above: 1.2em, below: 0.6em, text(size: 11.5pt, it))
#set table(stroke: 0.4pt + luma(160), inset: 4pt)
#show table.cell.where(y: 0): set text(weight: "bold")
"""


def _day(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j N Y H:i")
    return date_format(value, "j N Y")


def _t(value) -> str:
    return typst_text(value)


def _table(headers: list[str], rows: list[list[str]], *, columns: str) -> str:
    cells = ",\n".join("[" + cell + "]" for row in rows for cell in row)
    header = ", ".join("[" + _t(title) + "]" for title in headers)
    return f"#table(columns: {columns},\n  table.header({header}),\n{cells}\n)\n"


def _none(text: str) -> str:
    return "#text(fill: luma(90))[" + _t(text) + "]\n"


def _facts(pairs: list[tuple[str, object]]) -> str:
    rows = [[_t(label), _t(value)] for label, value in pairs if value not in (None, "", [])]
    cells = ",\n".join(f"[*{label}*], [{value}]" for label, value in rows)
    return f"#grid(columns: (4.2cm, 1fr), row-gutter: 5pt, column-gutter: 8pt,\n{cells}\n)\n"


def record_typst(record: dict, *, immersions: list, structure_name: str) -> str:
    """The typst source of a person's record; `record` is the view's `_record()` dict."""
    seeker = record["seeker"]
    today = timezone.localdate()
    title = _("Suivi de %(name)s") % {"name": seeker.full_name}
    parts = [
        PREAMBLE.replace("{title}", title.replace("\\", "\\\\").replace('"', '\\"')).replace(
            "{footer}", _t(f"{structure_name} · {title} · {_day(today)}")
        ),
        "= " + _t(title) + "\n",
        "#text(fill: luma(70))["
        + _t(f"{seeker.get_status_display()} · {_('édité le')} {_day(today)}")
        + "]\n",
        "== " + _t(_("Identité et mobilité")) + "\n",
        _identity(seeker, record),
        "== " + _t(_("Postes visés")) + "\n",
        _target_jobs(record["target_jobs"]),
        "== " + _t(_("PER, périodes d'engagement réciproque")) + "\n",
        _periods(record["periods"], record["reviews"]),
        "== " + _t(_("Propositions de poste")) + "\n",
        _positionings(record["positionings"]),
        "== " + _t(_("Emplois")) + "\n",
        _employments(record["employments"]),
        "== " + _t(_("Immersions")) + "\n",
        _immersions(immersions),
        "== " + _t(_("Entreprises contactées pour cette personne")) + "\n",
        _companies(record["companies_contacted"]),
        "== " + _t(_("Toutes les actions")) + "\n",
        _journal(record["journal"]),
    ]
    return "\n".join(parts)


def _identity(seeker, record) -> str:
    yes, no = _("oui"), _("non")
    mobility = [
        _("Permis B") if seeker.driving_licence else _("Sans permis B"),
        _("véhiculé·e") if seeker.has_vehicle else _("sans véhicule"),
    ]
    if seeker.max_commute_km:
        mobility.append(_("%(km)s km au plus") % {"km": seeker.max_commute_km})
    referrals = [
        _("Prescrit·e par %(organisation)s (%(programme)s) le %(day)s")
        % {
            "organisation": referral.organisation.name,
            "programme": referral.get_programme_display(),
            "day": _day(referral.referred_on),
        }
        for referral in record["referrals"]
    ]
    return _facts(
        [
            (_("Téléphone mobile"), phone(seeker.phone) if seeker.phone else _("non renseigné")),
            (_("E-mail"), seeker.email),
            (_("Née le / né le"), _day(seeker.birth_date)),
            (_("Commune"), seeker.commune),
            (_("Antenne"), seeker.site.name if seeker.site else ""),
            (_("Dispositif"), seeker.get_programme_display()),
            (_("Prescription"), "\n".join(referrals)),
            (_("Mobilité"), ", ".join(mobility)),
            (_("Contrats souhaités"), ", ".join(record["wanted_contracts"]) or _("tout contrat")),
            (_("Temps de travail"), seeker.get_wanted_working_time_display()),
            (_("Conditions impossibles"), ", ".join(record["unavailable_conditions"])),
            (_("Disponibilité"), seeker.get_availability_display()),
            (_("Formation"), seeker.get_education_level_display()),
            (
                _("Sans emploi depuis"),
                date_format(seeker.unemployed_since, "F Y") if seeker.unemployed_since else "",
            ),
            (_("Au RSA depuis"), date_format(seeker.rsa_since, "F Y") if seeker.rsa_since else ""),
            (_("Nouvelles offres par SMS"), yes if seeker.offer_alerts else no),
            (_("Souhaits"), seeker.wishes),
            (_("Savoir-faire"), seeker.know_how),
        ]
    )


def _target_jobs(target_jobs) -> str:
    if not target_jobs:
        return _none(_("Aucun"))
    items = []
    for target in target_jobs:
        text = f"{target.appellation.label} – {target.commune.name}"
        if target.has_experience:
            text += f" ({_('déjà exercé')})"
        items.append("- " + _t(text))
    return "\n".join(items) + "\n"


def _periods(periods, reviews) -> str:
    if not periods:
        return _none(_("Aucun PER pour l'instant."))
    rows = []
    for period in periods:
        number = f"{period.number}"
        if period.cycle > 1:
            number += " " + _("cycle %(cycle)s") % {"cycle": period.cycle}
        dates = _("du %(start)s au %(end)s") % {"start": _day(period.starts_on), "end": _day(period.ends_on)}
        if period.signed_on:
            dates += "\n" + _("signé le %(day)s") % {"day": _day(period.signed_on)}
        if period.ended_on:
            dates += "\n" + _("terminé le %(day)s") % {"day": _day(period.ended_on)}
        objectives = "\n".join(
            [
                f"{_('La personne :')} {period.seeker_objectives}",
                f"{_('La structure :')} {period.structure_objectives}",
            ]
        )
        first = period.first_action or "–"
        rows.append([_t(number), _t(period.get_status_display()), _t(dates), _t(objectives), _t(first)])
    text = _table(
        [_("PER"), _("État"), _("Période"), _("Objectifs"), _("Première action engageante")],
        rows,
        columns="(auto, auto, 3.6cm, 1fr, 3.6cm)",
    )
    if reviews:
        text += "*" + _t(_("Bilans tripartites")) + "*\n"
        for review in reviews:
            line = f"{_day(review.held_on)} : {review.get_outcome_display()}"
            if review.organisation:
                line += f", {_('avec')} {review.organisation.name}"
            line += f" ({review.by})"
            if review.notes:
                line += f"\n{review.notes}"
            text += "- " + _t(line) + "\n"
    return text


def _positionings(positionings) -> str:
    if not positionings:
        return _none(_("Aucune proposition de poste pour l'instant."))
    rows = []
    for positioning in positionings:
        step = positioning.get_status_display()
        if positioning.closed_reason:
            step += f" ({positioning.get_closed_reason_display()})"
        rows.append(
            [
                _t(positioning.offer.title),
                _t(positioning.offer.company.name),
                _t(step),
                _t(_day(positioning.created_at)),
                _t(positioning.presented_by or ""),
            ]
        )
    return _table(
        [_("Offre"), _("Entreprise"), _("Étape"), _("Proposée le"), _("Par")],
        rows,
        columns="(1fr, 1fr, auto, auto, auto)",
    )


def _employments(employments) -> str:
    if not employments:
        return _none(_("Aucun emploi enregistré."))
    rows = []
    for employment in employments:
        if employment.ends_on:
            dates = _("du %(start)s au %(end)s") % {
                "start": _day(employment.starts_on),
                "end": _day(employment.ends_on),
            }
        else:
            dates = _("depuis le %(start)s") % {"start": _day(employment.starts_on)}
        contract = employment.get_contract_display()
        if employment.is_durable:
            contract += f" ({_('emploi durable')})"
        rows.append([_t(employment.job_title), _t(employment.employer_name), _t(contract), _t(dates)])
    return _table(
        [_("Poste"), _("Employeur"), _("Contrat"), _("Dates")], rows, columns="(1fr, 1fr, auto, auto)"
    )


def _immersions(immersions) -> str:
    if not immersions:
        return _none(_("Aucune immersion."))
    today = timezone.localdate()
    rows = []
    for immersion in immersions:
        dates = _("du %(start)s au %(end)s") % {
            "start": _day(immersion.starts_on),
            "end": _day(immersion.ends_on),
        }
        rows.append(
            [
                _t(immersion.company.name),
                _t(immersion.appellation.label if immersion.appellation_id else ""),
                _t(dates),
                _t(immersion.status_on(today).label),
                _t(immersion.get_outcome_display() if immersion.outcome else "–"),
            ]
        )
    return _table(
        [_("Entreprise"), _("Métier"), _("Dates"), _("État"), _("Suite donnée")],
        rows,
        columns="(1fr, 1fr, auto, auto, auto)",
    )


def _companies(companies_contacted) -> str:
    if not companies_contacted:
        return _none(_("Aucune entreprise contactée pour cette personne pour l'instant."))
    rows = [
        [_t(row["company__name"]), f"{row['contact_count']}", _t(_day(row["last_contacted_at"]))]
        for row in companies_contacted
    ]
    return _table([_("Entreprise"), _("Contacts"), _("Dernier contact")], rows, columns="(1fr, auto, auto)")


def _journal(journal) -> str:
    if not journal:
        return _none(_("Le journal est vide."))
    rows = []
    for entry in journal:
        when = _day(entry.occurred_at)
        if entry.author:
            when += f"\n{entry.author}"
        what = entry.rendered
        if entry.company_id:
            what += f" – {entry.company.name}"
        rows.append([_t(when), _t(entry.get_kind_display()), _t(what)])
    return _table([_("Quand"), _("Type"), _("Action")], rows, columns="(3.2cm, 2.8cm, 1fr)")


def record_pdf(record: dict, *, immersions: list, structure_name: str) -> bytes:
    return pdf_from_typst(record_typst(record, immersions=immersions, structure_name=structure_name))

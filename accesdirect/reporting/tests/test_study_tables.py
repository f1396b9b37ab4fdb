"""The study's outcome tables, rebuilt exactly from raw records (written row for row as the
services write them, reporting/tests/bulk.py):

- 2001-2017: 12,127 people accompanied, 8,433 back in a job (70 %), 3,285 in durable
  employment (39 % of those back in a job);
- 2016-2017: 3,622 / 2,506 (69 %) / 866 (35 %).

The 2016-2017 people are part of the 2001-2017 ones: 8,505 people accompanied in 2005-2006
only (5,927 back in a job, 2,419 durable) and 3,622 accompanied from 2016 on.
"""

import datetime

import pytest

from accesdirect.core.scope import structure_scope
from accesdirect.core.vocabulary import Contract
from accesdirect.reporting.definitions import Filters, results
from accesdirect.seekers.enums import ExitReason
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

from .bulk import Job, Path, bulk_paths

D = datetime.date
pytestmark = pytest.mark.django_db


def group(*, people: int, in_job: int, durable: int, entry: D, exit: D | None) -> list[Path]:
    """`people` paths entered on `entry`: the first `durable` find a CDI, the next ones up to
    `in_job` a CDD of three months, the others no job. Those in a job also have a CDD of one
    month later (a person with two jobs is counted once)."""
    paths = []
    for index in range(people):
        if index < durable:
            jobs = (
                Job(Contract.CDD, entry + datetime.timedelta(days=20), entry + datetime.timedelta(days=50)),
            )
            jobs += (Job(Contract.CDI, entry + datetime.timedelta(days=60)),)
            reason = ExitReason.DURABLE_JOB
        elif index < in_job:
            start = entry + datetime.timedelta(days=45)
            jobs = (Job(Contract.CDD, start, start + datetime.timedelta(days=89)),)
            reason = ExitReason.OTHER_JOB
        else:
            jobs, reason = (), ExitReason.STOPPED
        paths.append(Path(entry=entry, exit=exit, exit_reason=reason if exit else "", jobs=jobs))
    return paths


@pytest.fixture
def study(pau):
    cre = f.staff_user(pau, Role.CRE, email="cre@acces-pau.fr")
    with structure_scope(pau):
        organisation = f.PrescriberOrganisationFactory(structure=pau)
        commune = f.CommuneFactory()
        early = group(people=8_505, in_job=5_927, durable=2_419, entry=D(2005, 3, 1), exit=D(2006, 6, 30))
        recent = group(people=3_622, in_job=2_506, durable=866, entry=D(2016, 3, 1), exit=None)
        bulk_paths(structure=pau, organisation=organisation, cre=cre, commune=commune, paths=early + recent)
    return pau


def test_the_study_tables_are_rebuilt_exactly_from_raw_records(study):
    whole = results(Filters(structure_ids=(study.pk,), start=D(2001, 1, 1), end=D(2017, 12, 31)))
    assert (whole["accompanied"], whole["back_in_job"], whole["durable"]) == (12_127, 8_433, 3_285)
    assert round(whole["back_in_job_rate"]) == 70
    assert round(whole["durable_share"]) == 39

    recent = results(Filters(structure_ids=(study.pk,), start=D(2016, 1, 1), end=D(2017, 12, 31)))
    assert (recent["accompanied"], recent["back_in_job"], recent["durable"]) == (3_622, 2_506, 866)
    assert round(recent["back_in_job_rate"]) == 69
    assert round(recent["durable_share"]) == 35
    # The exits of 2006, by reason; nobody of 2016-2017 has left.
    assert recent["exits"] == 0
    exits = {row.key: row.values[0] for row in whole.breakdowns["exits_by_reason"]}
    assert exits[ExitReason.DURABLE_JOB] == 2_419
    assert exits[ExitReason.OTHER_JOB] == 5_927 - 2_419
    assert exits[ExitReason.STOPPED] == 8_505 - 5_927
    # Days from entry to first job: 20 for the 866 durable ones (their first CDD), 45 for 1,640 others.
    assert recent["days_to_job_median"] == 45.0
    assert recent["days_to_job_mean"] == round((866 * 20 + 1_640 * 45) / 2_506, 1)

"""The two rules of PER dates that a CHECK constraint cannot express, as triggers on both
databases, so that no code path (the admin, a script, a bulk update) can break them:

- a PER lasts at most two months: it ends at the latest the day before the same date two
  months later, or on the last day of that month when it has no such date (1 Dec → 31 Jan,
  31 Dec → 28/29 Feb) — `seekers.models.period_latest_end` computes the same;
- the PERs of a person never overlap and follow their order (cycle, number): a PER starts on
  or after the end of the previous one (the day it ended early, else its term).

On PostgreSQL the trigger also locks the person's row, so that two transactions writing PERs
of the same person at once queue instead of both passing the check."""

from django.db import migrations

from ._per_dates import create, drop


class Migration(migrations.Migration):
    dependencies = [("seekers", "0006_accompaniment_cycles_and_journal_events")]

    operations = [migrations.RunPython(create, drop)]

"""SQLite rebuilds a table to add a constraint (0009 did, on seekers_engagementperiod), and the
rebuild drops the table's triggers: create the PER date triggers of 0007 again. Any later
migration that rebuilds this table on SQLite must end the same way (the tests of
seekers/tests/test_review_service.py catch it). On PostgreSQL the triggers survive; recreating
them is harmless."""

from django.db import migrations

from . import _per_dates as per_dates


class Migration(migrations.Migration):
    dependencies = [("seekers", "0009_plausible_dates")]

    operations = [migrations.RunPython(per_dates.recreate, per_dates.noop)]

"""The PER date triggers (see 0007_per_dates_triggers), shared by the migrations that create them."""

TABLE = "seekers_engagementperiod"

# The other PERs of the person that the new row overlaps or puts out of order.
CONFLICT = f"""
    SELECT 1 FROM {TABLE} AS other
    WHERE other.job_seeker_id = NEW.job_seeker_id AND other.id <> NEW.id AND (
        (other.starts_on < COALESCE(NEW.ended_on, NEW.ends_on)
         AND COALESCE(other.ended_on, other.ends_on) > NEW.starts_on)
        OR ((other.cycle < NEW.cycle OR (other.cycle = NEW.cycle AND other.number < NEW.number))
            AND other.starts_on > NEW.starts_on)
        OR ((other.cycle > NEW.cycle OR (other.cycle = NEW.cycle AND other.number > NEW.number))
            AND other.starts_on < NEW.starts_on)
    )
"""

SQLITE_LATEST_END = """
    CASE WHEN strftime('%d', date(NEW.starts_on, '+2 months')) = strftime('%d', NEW.starts_on)
         THEN date(NEW.starts_on, '+2 months', '-1 day')
         ELSE date(NEW.starts_on, 'start of month', '+3 months', '-1 day') END
"""

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER per_dates_{event.lower()} BEFORE {event} ON {TABLE}
    WHEN NEW.ends_on > ({SQLITE_LATEST_END})
         OR EXISTS ({CONFLICT.replace("other.id <> NEW.id", "other.id IS NOT NEW.id")})
    BEGIN
        SELECT RAISE(ABORT, 'per_dates: a PER lasts two months at most and never overlaps another');
    END;
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS per_dates_{event};" for event in ("insert", "update")]

POSTGRES_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION per_dates_check() RETURNS trigger AS $$
    DECLARE
        same_day date := (NEW.starts_on + interval '2 months')::date;
        latest_end date;
    BEGIN
        PERFORM 1 FROM seekers_jobseeker WHERE id = NEW.job_seeker_id FOR UPDATE;
        IF extract(day FROM same_day) = extract(day FROM NEW.starts_on) THEN
            latest_end := same_day - 1;
        ELSE
            latest_end := same_day;  -- clamped by PostgreSQL to the last day of the month
        END IF;
        IF NEW.ends_on > latest_end OR EXISTS ({CONFLICT}) THEN
            RAISE EXCEPTION 'per_dates: a PER lasts two months at most and never overlaps another'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER per_dates BEFORE INSERT OR UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION per_dates_check();
    """,
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS per_dates ON {TABLE};",
    "DROP FUNCTION IF EXISTS per_dates_check();",
]


def create(apps, schema_editor):
    statements = POSTGRES_CREATE if schema_editor.connection.vendor == "postgresql" else SQLITE_CREATE
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    statements = POSTGRES_DROP if schema_editor.connection.vendor == "postgresql" else SQLITE_DROP
    for statement in statements:
        schema_editor.execute(statement)


def recreate(apps, schema_editor):
    drop(apps, schema_editor)
    create(apps, schema_editor)


def noop(apps, schema_editor):
    pass

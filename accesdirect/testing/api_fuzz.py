"""A bounded fuzzing pass of the JSON API (`make fuzz`, run by .ci/run after the tests).

Schemathesis reads /api/v1/openapi.json and sends generated requests, valid and invalid, to the
production server (`manage.py run_web`, gunicorn, DEBUG=false) started here on a free port of
127.0.0.1, over a throwaway SQLite database of a small structure, signed in as a CRE (the API
authenticates with the session cookie; writes carry the CSRF token). It fails on any server
error or any answer outside the schema (status, content type, body), and prints its figures.

    python -m accesdirect.testing.api_fuzz [--max-examples N] [--max-time SECONDS]
"""

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "fuzz"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
    ]
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _prepare_database(database_url: str, secret_key: str) -> dict:
    """Migrate the throwaway database and fill it with a structure, its CRE, offers and people;
    return the cookies and header of the CRE's signed-in session (signed with the server's key)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["SECRET_KEY"] = secret_key
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accesdirect.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client
    from django_scopes import scopes_disabled

    from accesdirect.structures.enums import Role
    from accesdirect.testing import factories as f

    call_command("migrate", interactive=False, verbosity=0)
    with scopes_disabled():
        structure = f.StructureFactory(name="Accès Fuzz", slug="acces-fuzz")
        cre = f.staff_user(structure, Role.CRE, first_name="Camille", email="camille@fuzz.example")
        commune = f.CommuneFactory()
        appellation = f.AppellationFactory()
        for index in range(3):
            f.OfferFactory(
                structure=structure,
                company__structure=structure,
                captured_by=cre,
                appellation=appellation,
                commune=commune,
            )
            seeker = f.JobSeekerFactory(structure=structure, commune=commune, first_name=f"Personne{index}")
            f.TargetJobFactory(job_seeker=seeker, appellation=appellation, commune=commune)
        other = f.StructureFactory(name="Accès Ailleurs", slug="acces-ailleurs")
        f.OfferFactory(structure=other, company__structure=other)
    client = Client()
    client.force_login(cre)
    # The same session also signs a person in to the job seekers' app (/api/v1/app/…), as a
    # CRE trying the app on their own phone would: without it those operations would only
    # ever meet a 401, and their rules (one offer, one reservation) would go unfuzzed.
    from accesdirect.portals.app_session import SESSION_KEY, SESSION_PHONE_KEY

    session = client.session
    session[SESSION_KEY] = seeker.pk
    session[SESSION_PHONE_KEY] = seeker.phone
    session.save()
    return {
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "csrf": _get_new_csrf_string(),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
    }


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped at start-up (exit code {server.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - our own local server
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer {url} within {seconds:.0f} s.")


def _check_signed_in(url: str, cookie: str) -> None:
    """A pass that only meets 401s would prove nothing: the session must open the API."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - local server
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        if b"camille@fuzz.example" not in answer.read():
            raise SystemExit("The fuzzing session is not signed in: /api/v1/me does not know it.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--max-examples", type=int, default=60, help="generated cases per operation and phase"
    )
    parser.add_argument("--max-time", type=int, default=150, help="time budget of the whole run (seconds)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    database_url = os.environ.get("FUZZ_DATABASE_URL") or f"sqlite:///{WORK / 'db.sqlite3'}"
    secret_key = secrets.token_urlsafe(50)
    session = _prepare_database(database_url, secret_key)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BIND": f"127.0.0.1:{port}",
        # One worker: SQLite takes one writer at a time, and the pass must stay short.
        "WORKERS": "1",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), "run_web", "--no-collectstatic"],
        cwd=ROOT,
        env=env,
        stdout=open(WORK / "server.log", "w"),  # noqa: SIM115 - closed with the process
        stderr=subprocess.STDOUT,
    )
    # The session cookie is the API's security scheme: schemathesis sends it, and leaves it out
    # in its negative cases (a 401 is then expected); the hooks add the CSRF token of writes.
    config = WORK / "schemathesis.toml"
    # Both schemes (staff, app person) are the one session cookie, which holds both sign-ins.
    config.write_text(
        '[auth.openapi.SessionAuth]\napi_key = "${FUZZ_SESSION}"\n\n'
        '[auth.openapi.AppSession]\napi_key = "${FUZZ_SESSION}"\n'
    )
    fuzz_env = {
        **os.environ,
        "NO_COLOR": "1",
        "FUZZ_SESSION": session["session"],
        "FUZZ_CSRF": session["csrf"],
        "SCHEMATHESIS_HOOKS": "accesdirect.testing.api_fuzz_hooks",
    }
    try:
        _wait_until_up(f"{base}/healthz", server)
        cookie = (
            f"{session['session_cookie']}={session['session']}; {session['csrf_cookie']}={session['csrf']}"
        )
        _check_signed_in(f"{base}/api/v1/me", cookie)
        command = [
            str(Path(sys.executable).with_name("st")),
            "--config-file",
            str(config),
            "run",
            f"{base}/api/v1/openapi.json",
            "--checks",
            CHECKS,
            "--max-examples",
            str(args.max_examples),
            "--max-time",
            str(args.max_time),
            "--seed",
            str(args.seed),
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "--suppress-health-check",
            "all",
            "--report",
            "junit",
            "--report-dir",
            str(WORK),
            "--output-sanitize",
            "true",
        ]
        started = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, env=fuzz_env, check=False)  # noqa: S603
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = [
        line for line in (WORK / "server.log").read_text().splitlines() if "Internal Server Error" in line
    ]
    print(
        f'{{"fuzz": "api", "seconds": {elapsed:.0f}, "exit_code": {result.returncode}, '
        f'"server_errors_logged": {len(errors)}}}'
    )
    if errors:
        print("\n".join(errors[:20]))
        return 1
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())

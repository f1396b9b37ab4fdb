"""`manage.py run_web`, the README's production command: gunicorn with DEBUG=false, run here as
a real process on the test database, from a static folder that nothing has filled yet."""

import os
import re
import runpy
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from accesdirect import gunicorn_conf
from accesdirect.gunicorn_conf import default_workers
from accesdirect.testing.database import child_database_url

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "test-production-key-" + "x" * 48,
    "ALLOWED_HOSTS": "127.0.0.1",
    "LOG_LEVEL": "WARNING",
}


def _production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    return {**env, **PRODUCTION_ENV, **extra}


def _get(url: str) -> tuple[int, str]:
    # As the reverse proxy forwards it: HTTPS ended at the proxy.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310 - local
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class _Server:
    """run_web as a child process on a port the system picks (no race with other tests for a
    free port); its output is collected as it comes."""

    def __init__(self, **env):
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "run_web"],
            env=_production_env(**{"BIND": "127.0.0.1:0", "WORKERS": "1", **env}),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True)
        self.reader.start()

    def wait_until_serving(self, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"run_web stopped:\n{self.output()}")
            listening = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", "".join(self.lines))
            if listening:
                base_url = listening.group(1)
                try:
                    if _get(base_url + "/healthz")[0] == 200:
                        return base_url
                except OSError:
                    pass
            time.sleep(0.2)
        raise AssertionError(f"run_web did not answer in time:\n{self.output()}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        returncode = self.process.wait(timeout=60)
        self.reader.join(timeout=10)
        self.process.stdout.close()
        return returncode

    def output(self) -> str:
        return "".join(self.lines)


@pytest.mark.django_db(transaction=True)
def test_run_web_serves_every_page_with_debug_off_and_logs_no_query_string(tmp_path):
    server = _Server(DATABASE_URL=child_database_url(), STATIC_ROOT=str(tmp_path / "static"))
    try:
        base_url = server.wait_until_serving()
        status, login_page = _get(base_url + "/connexion/?token=s3cr3t-in-the-query")
        assert status == 200
        assert "Se connecter" in login_page
        # The stylesheet under its hashed name, served by the app itself (WhiteNoise).
        stylesheet = re.search(r'href="(/static/core/app\.[0-9a-f]{12}\.css)"', login_page).group(1)
        status, css = _get(base_url + stylesheet)
        assert status == 200
        assert ":root" in css
        status, not_found = _get(base_url + "/nulle-part/")
        assert status == 404
        assert "Page introuvable" in not_found
        # A provider's receipt whose secret can only travel in the path.
        assert _get(base_url + "/webhooks/ovh/receipts/s3cr3t-in-the-path/")[0] == 403
    finally:
        returncode = server.stop()
    output = server.output()
    assert returncode == 0, output
    access_lines = [line for line in output.splitlines() if '"GET /connexion/ HTTP/1.1" 200' in line]
    assert len(access_lines) == 1, output
    assert '"GET /webhooks/ovh/receipts/***/ HTTP/1.1" 403' in output
    assert "s3cr3t" not in output


def test_run_web_refuses_to_start_while_migrations_are_waiting(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "run_web"],
        env=_production_env(
            DATABASE_URL=f"sqlite:///{tmp_path / 'new.sqlite3'}", STATIC_ROOT=str(tmp_path / "static")
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "manage.py migrate" in result.stderr
    assert not (tmp_path / "static" / "staticfiles.json").exists()


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (3, 7), (4, 8), (64, 8)])
def test_web_workers_follow_the_cores_up_to_eight(cores, workers):
    assert default_workers(cores) == workers


def _gunicorn_settings(monkeypatch, **env) -> dict:
    for name in ("BIND", "PORT", "WORKERS", "TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(gunicorn_conf.__file__)


def test_gunicorn_listens_on_the_local_port_for_the_proxy_by_default(monkeypatch):
    config = _gunicorn_settings(monkeypatch)
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["workers"] == default_workers(len(os.sched_getaffinity(0)))
    assert config["timeout"] == 30
    assert config["preload_app"] is True


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    config = _gunicorn_settings(monkeypatch, PORT="9000", WORKERS="3", TIMEOUT="120")
    assert (config["bind"], config["workers"], config["timeout"]) == (["127.0.0.1:9000"], 3, 120)
    assert _gunicorn_settings(monkeypatch, BIND="0.0.0.0:8080")["bind"] == ["0.0.0.0:8080"]


@pytest.mark.parametrize("value", ["many", "0"])
def test_a_malformed_worker_count_stops_the_start_with_its_name(monkeypatch, value):
    with pytest.raises(SystemExit, match="WORKERS must be"):
        _gunicorn_settings(monkeypatch, WORKERS=value)

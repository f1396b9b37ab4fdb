"""`make demo` ends with `serve`: the demo accounts come last, once the server answers, below
its banner and the worker's first lines."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_prints_the_demo_accounts_after_the_server_started(tmp_path):
    database = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database, "DEMO": "1", "DEMO_MODE": "true", "DEBUG": "true"}
    env["DJANGO_SETTINGS_MODULE"] = "accesdirect.settings"
    manage = str(ROOT / "manage.py")
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT
    )
    # The demo territory at a tiny scale, over a few referential rows made by the test helper.
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", _LOAD], env=env, check=True, cwd=ROOT
    )
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, manage, "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
            if "admin@accesdirect.example" in line:
                break
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        server.stdout.close()
    printed = "\n".join(lines)
    assert "admin@accesdirect.example" in printed, printed
    ready = next(i for i, line in enumerate(lines) if f"Démo prête : http://127.0.0.1:{port}" in line)
    assert any("Starting development server" in line for line in lines[:ready])


_LOAD = """
import django
django.setup()
from accesdirect.demo.tests.conftest import referentials_create
from accesdirect.demo.generator import demo_load
referentials_create()
demo_load(scale=0.02)
"""

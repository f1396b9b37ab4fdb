"""gunicorn's settings, read by `manage.py run_web`; each can be changed by an environment variable.

- BIND: address to listen on (default 127.0.0.1:$PORT, PORT defaulting to 8000): the reverse
  proxy in front talks to it; BIND=0.0.0.0:8000 in a container.
- WORKERS: processes serving requests (default 2 × cores + 1, at most 8).
- TIMEOUT: seconds before a stuck request's worker is killed and replaced (default 30).
- FORWARDED_ALLOW_IPS: the proxies trusted for X-Forwarded-Proto (gunicorn's own, 127.0.0.1).
"""

import os

from gunicorn.glogging import Logger

from accesdirect.core.process import freeze_startup_objects
from accesdirect.core.redaction import redact_secrets

MAX_DEFAULT_WORKERS = 8


def _env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}.") from None
    if value < minimum:
        raise SystemExit(f"{name} must be at least {minimum}, got {value}.")
    return value


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` may grant fewer than the
    machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers(cores: int) -> int:
    """Sync workers wait on the database half of the time: two per core plus one keeps the cores
    busy; past 8, each worker's memory (the apps, the matching pools it caches) costs more than
    the concurrency brings to a structure's team."""
    return min(2 * cores + 1, MAX_DEFAULT_WORKERS)


wsgi_app = "accesdirect.wsgi:application"
bind = [os.environ.get("BIND") or f"127.0.0.1:{_env_int('PORT', 8000)}"]
workers = _env_int("WORKERS", default_workers(available_cores()))
timeout = _env_int("TIMEOUT", 30)
graceful_timeout = 30
# The proxy keeps its connections to the workers open between requests.
keepalive = 5
# A worker is replaced after about 2,000 requests: a slow leak never grows for weeks.
max_requests = 2000
max_requests_jitter = 200
# The app is loaded once in the master and the workers are forked from it: they share its memory
# and start in milliseconds.
preload_app = True
proc_name = "accesdirect"
# No control socket: systemd (or the container) manages the processes; gunicorn would otherwise
# create one under the service user's home.
control_socket_disable = True
# The workers' heartbeat files in memory, not on a disk that may stall (containers: /tmp on overlay).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's advice


class RedactingLogger(Logger):
    """The access log with the secrets that travel in a path masked (a webhook's secret segment,
    a password reset token), as the app's own logs mask them."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact_secrets(atoms[key])
        return atoms


# Logs on the standard output and error (journald, docker logs). The access log shows the path,
# never the query string nor the referrer: a search for a person's name, or an old URL still
# carrying a token, must not end up in log files.
accesslog = "-"
errorlog = "-"
logger_class = RedactingLogger
access_log_format = '%(h)s %({x-forwarded-for}i)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'


def when_ready(server):
    # In the master, after the app is loaded and before the first fork. Every view module (the
    # API, numpy and scipy under the matching) is imported here once, instead of by each worker
    # on its first request (a second or more each, and memory not shared); no database
    # connection may be inherited (two processes on one socket); then the start-up objects are
    # frozen.
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point
    connections.close_all()
    frozen = freeze_startup_objects()
    server.log.info("Start-up objects frozen for the garbage collector: %d", frozen)

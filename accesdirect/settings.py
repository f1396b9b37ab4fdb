"""Settings for Accès Direct, read from environment variables.

Development needs no configuration: SQLite under var/, DEBUG on, a development key.
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; a missing or
malformed value stops the start-up with a clear message instead of running half-configured.
"""

import datetime
import os
import re
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ACCESDIRECT_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else None)
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names served in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
DEMO_MODE = env_bool("DEMO_MODE", DEBUG)

INSTALLED_APPS = [
    "accesdirect.core.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # Serves the API documentation's scripts from our own static files, not from a CDN.
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accesdirect.core",
    "accesdirect.referentials",
    "accesdirect.structures",
    "accesdirect.accounts",
    "accesdirect.messaging",
    "accesdirect.seekers",
    "accesdirect.companies",
    "accesdirect.offers",
    "accesdirect.immersions",
    "accesdirect.matching",
    "accesdirect.reporting",
    "accesdirect.api",
    "accesdirect.portals",
    "accesdirect.dashboard",
    "accesdirect.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accesdirect.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accesdirect.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accesdirect.core.middleware.StructureScopeMiddleware",
    "accesdirect.accounts.middleware.SecondFactorMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the French lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "accesdirect.urls"
WSGI_APPLICATION = "accesdirect.wsgi.application"
AUTH_USER_MODEL = "structures.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

# Forms render with an error summary at the top of long forms (core/forms_renderer.py).
FORM_RENDERER = "accesdirect.core.forms_renderer.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accesdirect.core.context_processors.structure",
            ],
            # French dates ("1er décembre") in every template, through Django's own `|date`.
            "builtins": ["accesdirect.core.templatetags.french"],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers work while one writer commits;
# IMMEDIATE transactions take the write lock at BEGIN, so two writers queue on the busy
# timeout instead of failing with "database is locked" when a read lock is upgraded.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;"
    ),
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Production keeps each process's connection for a minute instead of opening one per request
# (a PostgreSQL connection costs a fork and an authentication, several ms); the health check
# drops one that the server closed meanwhile (a restart) before a request uses it.
DB_CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 0 if DEBUG else 60)
if DATABASE_URL:
    try:
        _db = dj_database_url.parse(DATABASE_URL, conn_max_age=DB_CONN_MAX_AGE, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "accesdirect.sqlite3")}
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {**SQLITE_OPTIONS, **_db.get("OPTIONS", {})}
    # Tests use a file, not shared-cache memory: threads of the race tests need real
    # locking (shared cache answers SQLITE_LOCKED at once instead of waiting).
    # One file per process, so parallel test runs never share a database.
    _db["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"accesdirect-test-{os.getpid()}.sqlite3")}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Signing in ---------------------------------------------------------------------------
# django-axes counts failed sign-ins in the database, so that the count holds across the web
# server's processes and restarts: 5 failures for one address from one IP, and that pair is
# locked out for LOGIN_LOCKOUT_MINUTES after the last try, on /connexion/ and /admin/ alike.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Both login forms name the e-mail field "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accesdirect.accounts.throttle.attempted_email"
AXES_CLIENT_IP_CALLABLE = "accesdirect.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "accesdirect.accounts.throttle.lockout_response"
# Failures only: successful sign-ins are not kept (AccessLog), there is no use for them here.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Reverse proxies in front of the application that append the client's address to
# X-Forwarded-For (1 behind nginx); 0 reads the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# One-time codes (TOTP, django-otp) for the direction, the network heads and the platform
# operators: enrolment at first sign-in, then a code at every sign-in; recovery codes for a lost
# phone. OTP_REQUIRED=false waives the requirement on a development machine (make demo) only.
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
if not DEBUG and not OTP_REQUIRED:
    raise ImproperlyConfigured("OTP_REQUIRED=false is for development only, not with DEBUG=false.")
OTP_TOTP_ISSUER = "Accès Direct"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation --------------------------------------------------------------
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", _("Français")), ("en", _("Anglais"))]
LOCALE_PATHS = [BASE_DIR / "accesdirect" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Development serves files straight from the apps' static folders; production from STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security --------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 10)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secrets that travel in URLs (webhook path segments, password reset tokens) are masked.
    "filters": {"redact_secrets": {"()": "accesdirect.core.redaction.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}} if not DEBUG else {},
}

# --- Domain settings -------------------------------------------------------------------
# ROME files shipped with the project: the official export of France Travail, version 460
# (Licence Ouverte 2.0; the files the importer reads, in one .tar.xz), loaded by default and
# by the demo, and a small sample in the same format for fast tests.
ROME_EXPORT = BASE_DIR / "accesdirect" / "referentials" / "data" / "rome-v460.tar.xz"
ROME_SAMPLE_DIR = BASE_DIR / "accesdirect" / "referentials" / "data" / "rome-sample"
PAGE_SIZE = 25
# An offer still open this many days after its capture expires (offers.expiry, run every minute
# by the outbox worker); the CRE who captured it is told by e-mail and on their home page.
OFFER_OPEN_DAYS = env_int("OFFER_OPEN_DAYS", 60)
if OFFER_OPEN_DAYS < 1:
    raise ImproperlyConfigured(f"OFFER_OPEN_DAYS must be at least 1, got {OFFER_OPEN_DAYS}.")
# "J'ai une offre" (no account): offers one company may send a day through the form (a temp
# agency or a hospital may need more), and offers from one network address an hour (an office
# shares one). Past them the form says so in French; a CRE still captures offers by hand.
COMPANY_OFFERS_PER_DAY = env_int("COMPANY_OFFERS_PER_DAY", 5)
COMPANY_OFFERS_PER_ADDRESS_PER_HOUR = env_int("COMPANY_OFFERS_PER_ADDRESS_PER_HOUR", 20)
for _name in ("COMPANY_OFFERS_PER_DAY", "COMPANY_OFFERS_PER_ADDRESS_PER_HOUR"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1, got {globals()[_name]}.")

# --- Messaging -------------------------------------------------------------------------
# SMS providers in failover order: SMS_PROVIDERS=brevo,ovh,twilio (the first is the primary,
# the next ones take over when it fails). The demo prints SMS (console). A provider listed
# without its credentials stops the start-up.
SMS_DEFAULT_SENDER = env_str("SMS_DEFAULT_SENDER", "AccesDirect")
# This site's public address (https://acces-direct.example.org): with it, every SMS carries
# the URL of its delivery receipts; without it, configure the receipt URLs at the provider.
WEBHOOK_BASE_URL = env_str("WEBHOOK_BASE_URL", "").rstrip("/")


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}.") from None


def env_secret(name: str) -> str:
    value = env_str(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required by SMS_PROVIDERS.")
    return value


def env_webhook_secret(name: str) -> str:
    value = env_secret(name)
    # The secret is a segment of the callback URL's path: URL-safe characters only.
    if len(value) < 16 or not re.fullmatch(r"[A-Za-z0-9_-]+", value):
        raise ImproperlyConfigured(
            f"{name} must be a random value of at least 16 letters, digits, '-' or '_' "
            "(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')."
        )
    return value


def _webhook_url(path: str) -> str:
    if not WEBHOOK_BASE_URL:
        return ""
    return f"{WEBHOOK_BASE_URL}/webhooks/{path}"


def _sms_provider(name: str) -> tuple[dict, dict]:
    """(adapter settings, webhook settings) of one provider named in SMS_PROVIDERS."""
    backends = {
        "console": "console.ConsoleProvider",
        "brevo": "brevo.BrevoProvider",
        "ovh": "ovh.OvhProvider",
        "twilio": "twilio.TwilioProvider",
    }
    if name not in backends:
        raise ImproperlyConfigured(f"SMS_PROVIDERS: unknown provider {name!r} ({', '.join(backends)}).")
    backend = "accesdirect.messaging.providers." + backends[name]
    if name == "console":
        return {"backend": backend}, {}
    timeouts = {
        "connect_timeout": env_float("SMS_CONNECT_TIMEOUT", 3.0),
        "read_timeout": env_float("SMS_READ_TIMEOUT", 10.0),
    }
    if name == "brevo":
        secret = env_webhook_secret("BREVO_WEBHOOK_SECRET")
        adapter = {
            "api_key": env_secret("BREVO_API_KEY"),
            "base_url": env_str("BREVO_BASE_URL", "https://api.brevo.com"),
            "web_url": _webhook_url(f"brevo/events/{secret}/"),
        }
        return {"backend": backend, **adapter, **timeouts}, {"secret": secret}
    if name == "ovh":
        secret = env_webhook_secret("OVH_WEBHOOK_SECRET")
        adapter = {
            "application_key": env_secret("OVH_APPLICATION_KEY"),
            "application_secret": env_secret("OVH_APPLICATION_SECRET"),
            "consumer_key": env_secret("OVH_CONSUMER_KEY"),
            "service_name": env_secret("OVH_SERVICE_NAME"),
            "base_url": env_str("OVH_BASE_URL", "https://eu.api.ovh.com"),
            "sender_for_response": env_bool("OVH_SENDER_FOR_RESPONSE", False),
            "callback_url": _webhook_url(f"ovh/receipts/{secret}/"),
        }
        webhook = {"secret": secret, "allowed_ips": env_list("OVH_WEBHOOK_ALLOWED_IPS", [])}
        return {"backend": backend, **adapter, **timeouts}, webhook
    auth_token = env_secret("TWILIO_AUTH_TOKEN")
    adapter = {
        "account_sid": env_secret("TWILIO_ACCOUNT_SID"),
        "auth_token": auth_token,
        "sender_id": env_secret("TWILIO_FROM"),
        "base_url": env_str("TWILIO_BASE_URL", "https://api.twilio.com"),
        "status_callback": _webhook_url("twilio/status/"),
    }
    return {"backend": backend, **adapter, **timeouts}, {"auth_token": auth_token}


_sms_names = env_list("SMS_PROVIDERS", ["console"]) or ["console"]
if len(set(_sms_names)) != len(_sms_names):
    raise ImproperlyConfigured("SMS_PROVIDERS names a provider twice.")
_sms_configs = {name: _sms_provider(name) for name in _sms_names}
SMS_PROVIDERS = [adapter for adapter, _webhook in _sms_configs.values()]
# What the webhooks check incoming receipts and answers against, per provider.
SMS_WEBHOOKS = {name: webhook for name, (_adapter, webhook) in _sms_configs.items() if webhook}

# E-mail: the console in the demo; in production an ESP through django-anymail, e.g.
# EMAIL_BACKEND=anymail.backends.brevo.EmailBackend with ANYMAIL_BREVO_API_KEY=...
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Accès Direct <ne-pas-repondre@acces-direct.local>")
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value for name, value in os.environ.items() if name.startswith("ANYMAIL_")
}

"""Django settings for rightsdesk.

Everything that differs between a laptop demo and production comes from the
environment, so the same settings module serves both:

- ``DATABASE_URL``: any URL dj-database-url understands. Unset means the
  embedded SQLite database under ``RIGHTSDESK_HOME`` (default ``./var``).
- ``RIGHTSDESK_SECRET_KEY``: required when ``RIGHTSDESK_DEBUG`` is off; the
  demo generates one and keeps it in ``RIGHTSDESK_HOME/secret_key``.
- ``RIGHTSDESK_DEBUG``: "1" for development.
- ``RIGHTSDESK_ALLOWED_HOSTS``: comma-separated host names.
- ``RIGHTSDESK_EMAIL_URL`` style settings live in ``EMAIL_*`` variables below.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from rightsdesk.core import languages as _languages
from rightsdesk.core.country_codes import USER_ASSIGNED as _USER_ASSIGNED_COUNTRIES

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("RIGHTSDESK_HOME", Path.cwd() / "var")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Use the configured key, or a per-installation key kept on disk.

    A key generated at import time would log everybody out at each restart and
    break signed tracking links, so a generated key is written once and reused.
    """
    configured = os.environ.get("RIGHTSDESK_SECRET_KEY")
    if configured:
        return configured
    key_file = HOME / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    HOME.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


DEBUG = _env_bool("RIGHTSDESK_DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("RIGHTSDESK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rightsdesk.core",
    "rightsdesk.accounts",
    "rightsdesk.audit",
    "rightsdesk.cases",
    "rightsdesk.intake",
    "rightsdesk.mail",
    "rightsdesk.review",
    "rightsdesk.notices",
    "rightsdesk.appeals",
    "rightsdesk.transparency",
    "rightsdesk.reports",
    "rightsdesk.privacy",
    "rightsdesk.diligence",
    "rightsdesk.clocks",
    "rightsdesk.preservation",
    "rightsdesk.accountactions",
    "rightsdesk.legalsupport",
    "rightsdesk.crisis",
    "rightsdesk.laws",
    "rightsdesk.opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A link followed from a right-to-left e-mail with the invisible marks that isolated it: the page without them.
    "rightsdesk.core.middleware.StrayMarksMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (the report page is 126 KB, 13 KB gzipped). Django's GZip pads its output at random against
    # BREACH; static files come compressed from WhiteNoise, which answers before this.
    "django.middleware.gzip.GZipMiddleware",
    # Every answer on an address holding a secret (a tracking or appeal link) is kept by no cache and sent to no other
    # site as the referrer (core/secret_urls.py): outside every middleware that answers or writes Cache-Control (the
    # redirect adding a missing slash, the staff rules, a form's address led to its page).
    "rightsdesk.core.middleware.SecretAddressMiddleware",
    # Public GETs read from a replica when DATABASE_REPLICA_URLS names one; before the session is read.
    "rightsdesk.core.replicas.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Persian pages write Persian digits (core/numerals.py); inside the locale, before compression.
    "rightsdesk.core.numerals.LocalDigitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A public form's address opened as a page leads to the form's page in words (core/form_address.py); outside
    # the staff rules, which lead the staff workspace's own there first.
    "rightsdesk.core.middleware.FormAddressMiddleware",
    "rightsdesk.accounts.middleware.StaffSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rightsdesk.core.middleware.SecurityHeadersMiddleware",
    # An address or a method the API does not have is answered in the API's JSON, not the site's HTML page.
    "rightsdesk.core.api_errors.ApiErrorsAsJson",
    # Last, so it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rightsdesk.urls"
WSGI_APPLICATION = "rightsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rightsdesk.core.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    # Streaming replicas of the primary for the public pages (core/replicas.py); in tests they mirror the primary.
    for _n, _url in enumerate(u.strip() for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()):
        DATABASES[f"replica{_n + 1}"] = {**dj_database_url.parse(_url, conn_max_age=60), "TEST": {"MIRROR": "default"}}
        DATABASES[f"replica{_n + 1}"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    if len(DATABASES) > 1:
        DATABASE_ROUTERS = ["rightsdesk.core.replicas.ReplicaRouter"]
else:
    HOME.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(HOME / "rightsdesk.sqlite3"),
            # WAL lets the public pages read while staff and the API write;
            # a busy timeout makes concurrent writers wait instead of failing.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # Each server thread keeps its connection (as on PostgreSQL above): opening one reads the whole
            # schema, ~3.5 ms of CPU per request, more than a cached notice page costs (docs/performance.md §4).
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the public forms' one-time tokens and the report cache (rate limits count in the database,
# intake/ratelimit.py). One `rightsdesk serve` process (many threads) shares an in-memory cache; with several
# server processes or machines, set RIGHTSDESK_SHARED_CACHE=1 so they share a database table (created by every
# migrate).
if _env_bool("RIGHTSDESK_SHARED_CACHE"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "rightsdesk_cache",
                          "OPTIONS": {"MAX_ENTRIES": 50000}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rightsdesk"}}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while an account/address pair is locked out (django-axes).
    "rightsdesk.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out after repeated failures: 5 failed sign-ins for the same user name
# from the same address lock that pair out for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("RIGHTSDESK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("RIGHTSDESK_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Two-factor authentication (TOTP) is required for every staff page. The demo
# turns it off (and says so); production must leave it on.
RIGHTSDESK_REQUIRE_2FA = _env_bool("RIGHTSDESK_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "rightsdesk"
# Staff sessions end after 30 idle minutes and at most 10 hours after sign-in.
RIGHTSDESK_STAFF_IDLE_SECONDS = int(os.environ.get("RIGHTSDESK_STAFF_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_AGE = 10 * 60 * 60
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "review:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Languages the public forms and notices are offered in: the shipped ones of rightsdesk.core.languages (one line
# per language there, with its direction and whether a native speaker reviewed it). Arabic is the right-to-left
# reference language; Django's get_language_bidi() drives dir="rtl". RIGHTSDESK_PSEUDO_LOCALE=1 adds the
# pseudo-locale en-xa (generated by `rightsdesk pseudolocale` into $RIGHTSDESK_HOME/locale) for testing.
LANGUAGE_CODE = "en"
RIGHTSDESK_PSEUDO_LOCALE = _env_bool("RIGHTSDESK_PSEUDO_LOCALE")
LANGUAGES = _languages.settings_languages(pseudo=RIGHTSDESK_PSEUDO_LOCALE)
LANGUAGES_BIDI = _languages.bidi_codes()
# Countries: ISO 3166-1 plus the user-assigned codes in real use (XK, Kosovo); core/country_codes.py is the one rule.
COUNTRIES_OVERRIDE = dict(_USER_ASSIGNED_COUNTRIES)
LOCALE_PATHS = [PACKAGE_DIR / "locale"] + ([HOME / "locale"] if RIGHTSDESK_PSEUDO_LOCALE else [])
# Date and number formats Django lacks (Urdu, Swahili; Arabic and Hindi date-times) or that we change:
# rightsdesk/formats/<locale>/formats.py.
FORMAT_MODULE_PATH = ["rightsdesk.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = HOME / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
#: Reverse proxies whose X-Forwarded-Proto/-For are believed (core/proxies.py): addresses or networks, comma-separated.
RIGHTSDESK_TRUSTED_PROXIES = os.environ.get("RIGHTSDESK_TRUSTED_PROXIES", "127.0.0.1")
#: Connections `rightsdesk serve` keeps open at once, idle keep-alive ones included.
RIGHTSDESK_CONNECTION_LIMIT = int(os.environ.get("RIGHTSDESK_CONNECTION_LIMIT", "1000"))
if _env_bool("RIGHTSDESK_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000

EMAIL_BACKEND = os.environ.get("RIGHTSDESK_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("RIGHTSDESK_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("RIGHTSDESK_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("RIGHTSDESK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RIGHTSDESK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("RIGHTSDESK_EMAIL_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("RIGHTSDESK_FROM_EMAIL", "legal@rightsdesk.invalid")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("RIGHTSDESK_TASK_BACKEND", "django_tasks_db.backend.DatabaseBackend"),
    }
}
# Finished tasks' rows (their arguments, a failure's masked traceback) are deleted by `rightsdesk retention` after
# this many days (core/privacy_hooks.py).
RIGHTSDESK_TASK_RESULT_DAYS = int(os.environ.get("RIGHTSDESK_TASK_RESULT_DAYS", "14"))

# Site-wide facts that appear in notices, exports and the public pages.
RIGHTSDESK = {
    "PLATFORM_NAME": os.environ.get("RIGHTSDESK_PLATFORM_NAME", "Wikimedia Foundation"),
    "SITE_NAME": "rightsdesk",
    "PUBLIC_BASE_URL": os.environ.get("RIGHTSDESK_PUBLIC_BASE_URL", "http://127.0.0.1:8000"),
    "REFERENCE_PREFIX": "RD",
}

# How many files Django parses from one form post: well above what a form takes (intake's MAX_ATTACHMENTS, 5), so a
# person who chose too many files gets the form back with their text and "attach at most 5 files" at the field, not a
# refusal before the form runs. Past this, the post is refused with a 400 page saying what happened and what to do
# (core.views.bad_request). Not higher: in a post over FILE_UPLOAD_MAX_MEMORY_SIZE each file is an open temporary file
# until the answer is sent, and a server's threads share one process's limit of open files.
DATA_UPLOAD_MAX_NUMBER_FILES = 200

# Overrides of intake's limits (rightsdesk.intake.conf.DEFAULTS), e.g. {"RATE_LIMIT": 30}: none by default. Declared
# (not left to a getattr default) because intake reads it for every item of an API batch, and Django remembers a
# setting it found but looks a missing one up again on every read.
RIGHTSDESK_INTAKE: dict = {}

# The projects and sites the platform runs (rightsdesk.core.sites): a domain and its sub-domains. The report keeps the
# requests about other sites apart, and counts those naming several of these (docs/report-format.md). Default: the
# Wikimedia projects; RIGHTSDESK_OWN_SITES="example.org,example.net" for another platform.
RIGHTSDESK_OWN_SITES = tuple(
    domain.strip() for domain in os.environ.get("RIGHTSDESK_OWN_SITES", ",".join((
        "wikipedia.org", "wikimedia.org", "wiktionary.org", "wikibooks.org", "wikinews.org", "wikiquote.org",
        "wikisource.org", "wikiversity.org", "wikivoyage.org", "wikidata.org", "wikifunctions.org", "mediawiki.org",
        "wikimediafoundation.org", "wmflabs.org", "wmcloud.org", "toolforge.org",
    ))).split(",") if domain.strip()
)

# Received e-mail (rightsdesk.mail): what one message may bring. A larger message is refused with a reason and
# kept as a flagged stub with its headers; attachments past the count and executables are listed, not kept.
RIGHTSDESK_MAIL = {
    "MAX_MESSAGE_BYTES": int(os.environ.get("RIGHTSDESK_MAIL_MAX_MESSAGE_BYTES", str(25 * 2**20))),
    "MAX_ATTACHMENTS": int(os.environ.get("RIGHTSDESK_MAIL_MAX_ATTACHMENTS", "50")),
    # An archive may unpack to at most this many times its size, and to at most MAX_UNPACKED_BYTES.
    "MAX_ARCHIVE_RATIO": int(os.environ.get("RIGHTSDESK_MAIL_MAX_ARCHIVE_RATIO", "100")),
    "MAX_UNPACKED_BYTES": int(os.environ.get("RIGHTSDESK_MAIL_MAX_UNPACKED_BYTES", str(500 * 2**20))),
    # Received e-mail never filed into a case is purged (files deleted, personal parts blanked) after this many days.
    "UNFILED_RETENTION_DAYS": int(os.environ.get("RIGHTSDESK_MAIL_UNFILED_RETENTION_DAYS", "180")),
    # The task worker fetches the IMAP inboxes this often once `rightsdesk mail poll` started the loop (0: never).
    "POLL_SECONDS": int(os.environ.get("RIGHTSDESK_MAIL_POLL_SECONDS", "120")),
    # The name the receiving mail server writes its Authentication-Results under (SPF, DKIM, DMARC): a reply is filed
    # by itself as the requester's only when the server verified its From address (mail.authresults). Empty: unchecked.
    "AUTHSERV_ID": os.environ.get("RIGHTSDESK_MAIL_AUTHSERV_ID", ""),
}

# Open data (rightsdesk.opendata, docs/open-data.md): the bulk files' directory, the public API's depth cap and
# rate limit without a researcher token; Lumen's notice-submission API, off until both URL and token are set.
RIGHTSDESK_OPENDATA = {
    "DATA_DIR": os.environ.get("RIGHTSDESK_OPENDATA_DIR", str(HOME / "opendata")),
    "PUBLIC_DEPTH_CAP": int(os.environ.get("RIGHTSDESK_OPENDATA_PUBLIC_DEPTH_CAP", "10000")),
    "ANONYMOUS_PER_MINUTE": int(os.environ.get("RIGHTSDESK_OPENDATA_ANONYMOUS_PER_MINUTE", "60")),
    "REGENERATE_HOURS": int(os.environ.get("RIGHTSDESK_OPENDATA_REGENERATE_HOURS", "24")),
}
RIGHTSDESK_LUMEN = {
    "URL": os.environ.get("RIGHTSDESK_LUMEN_URL", ""),
    "TOKEN": os.environ.get("RIGHTSDESK_LUMEN_TOKEN", ""),
}

# Private data never reaches logs: our loggers write event names and case references, Django's request logger is
# kept at WARNING so request bodies (which carry requester contact details) are never logged, and the one handler,
# the console, masks private links and e-mail and IP addresses in every message and traceback (core/logfilters.py).
# Django's default handlers are taken off the "django" logger: its console printed records unmasked when DEBUG is on,
# and its AdminEmailHandler would e-mail a crashed request's POST (a requester's statement) if ADMINS were ever set.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"mask_private_data": {"()": "rightsdesk.core.logfilters.MaskPrivateData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_private_data"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"level": "WARNING", "filters": ["mask_private_data"]},
        "django.server": {"level": "WARNING", "filters": ["mask_private_data"]},
        "rightsdesk": {"handlers": ["console"], "level": os.environ.get("RIGHTSDESK_LOG_LEVEL", "INFO"), "propagate": False},
    },
}

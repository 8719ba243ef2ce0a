"""All settings, read from the environment (one file, as healthchecks does).

Every value that differs between a laptop demo and a province's server is an
environment variable with a safe default for development.
"""

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from hatnhan.api.docs import DESCRIPTION as API_DESCRIPTION

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    return os.getenv(name, default).lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    return int(os.getenv(name, str(default)))


DEBUG = envbool("DEBUG", "False")
# Demo mode: the seeded dataset, the `demo` password and the account list on the login page.
DEMO_MODE = envbool("HATNHAN_DEMO", "False")
# The development key is public (it is in this file): a real server (DEBUG off) refuses to
# start on it — hatnhan.core.checks, run by the WSGI entry point and every server command.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"
SECRET_KEY = os.getenv("SECRET_KEY", DEVELOPMENT_SECRET_KEY)


def envkeys(name: str, default: str) -> dict[str, str]:
    """`id1:secret1,id2:secret2` as {id: secret}, in order: the first signs, all verify."""
    keys: dict[str, str] = {}
    for entry in filter(None, (e.strip() for e in os.getenv(name, default).split(","))):
        key_id, sep, secret = entry.partition(":")
        if not sep or not key_id or not secret or key_id in keys:
            raise ImproperlyConfigured(
                f"{name}: mỗi khóa viết là 'mã:bí mật', mã không trùng nhau (docs/production.md, "
                f"mục 8). / {name}: each key is 'id:secret', ids distinct."
            )
        keys[key_id] = secret
    if not keys:
        raise ImproperlyConfigured(f"{name}: cần ít nhất một khóa. / {name}: at least one key.")
    return keys


# The audit chain's keys (HMAC-SHA256, docs/production.md §8). They are outside the database
# on purpose: someone who can edit the tables cannot recompute a keyed hash. The development
# keys are public, so a real server refuses them like the development SECRET_KEY.
DEVELOPMENT_AUDIT_KEY = "dev-only-public-audit-key-0123456789"
DEVELOPMENT_AUDIT_CHECKPOINT_KEY = "dev-only-public-checkpoint-key-0123456789"
AUDIT_KEYS = envkeys("AUDIT_KEYS", f"dev:{DEVELOPMENT_AUDIT_KEY}")
# The head's briefing duty (hatnhan.briefings). QĐ 138-QĐ/TW (2023) Art. 11: every six
# months by default; an organization may choose monthly or quarterly on its duty.
BRIEFING_DEFAULT_FREQUENCY = os.getenv("BRIEFING_DEFAULT_FREQUENCY", "semiannual")
# When a period's briefing is due: this many days after the period ends (per duty, this default).
BRIEFING_DUE_DAYS_AFTER_PERIOD = envint("BRIEFING_DUE_DAYS_AFTER_PERIOD", 15)
# The head and the secretary are told this many days before a briefing is due (once)...
BRIEFING_REMINDER_DAYS_BEFORE = envint("BRIEFING_REMINDER_DAYS_BEFORE", 7)
# ...and once when it is late; periods due longer ago than this are not alerted any more.
BRIEFING_LATE_LOOKBACK_DAYS = envint("BRIEFING_LATE_LOOKBACK_DAYS", 90)
# Signs checkpoints (the chain's head kept off the server): a key of its own, so a checkpoint
# cannot be made from an event's hash nor the other way round.
AUDIT_CHECKPOINT_KEYS = envkeys("AUDIT_CHECKPOINT_KEYS", f"dev:{DEVELOPMENT_AUDIT_CHECKPOINT_KEY}")

# Field encryption at rest (hatnhan.core.crypto, docs/production.md §8): Fernet keys, newest
# first; the first encrypts, all decrypt (rotation: `hatnhan rotate-field-keys`). Unset, a
# development key derived from SECRET_KEY is used — a real server refuses that (hatnhan.E003)
# and the public one derived from the development SECRET_KEY (hatnhan.E004).
FIELD_KEYS = [k.strip() for k in os.getenv("HATNHAN_FIELD_KEYS", "").split(",") if k.strip()]

ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_filters",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "hatnhan.core",
    "hatnhan.audit",
    "hatnhan.organizations",
    "hatnhan.members",
    "hatnhan.accounts",
    "hatnhan.exchange",
    "hatnhan.directives",
    "hatnhan.tasks",
    "hatnhan.meetings",
    "hatnhan.briefings",
    "hatnhan.votes",
    "hatnhan.inspections",
    "hatnhan.discipline",
    "hatnhan.feedback",
    "hatnhan.evaluations",
    "hatnhan.dashboards",
    "hatnhan.api",
    "hatnhan.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database: marks safe requests' reads for the replica router
    # (a no-op without DATABASE_REPLICA_URL).
    "hatnhan.core.routers.ReplicaReadsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hatnhan.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified() and the device the session signed in with.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hatnhan.core.middleware.SessionLifetimeMiddleware",
    # After the session checks: an unverified second factor reaches only the two-factor pages,
    # then a temporary password leads to the change page.
    "hatnhan.accounts.middleware.TwoFactorRequiredMiddleware",
    "hatnhan.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hatnhan.core.middleware.RequestIdMiddleware",
    # After the request id, which its 413 answer carries.
    "hatnhan.api.errors.ApiBodyLimitMiddleware",
    # Last: it answers the lockout page when a sign-in (or a two-factor code) was refused as
    # locked out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hatnhan.urls"
WSGI_APPLICATION = "hatnhan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "hatnhan.core.context_processors.hatnhan",
            ],
        },
    }
]

if not os.getenv("DATABASE_URL"):
    # The default SQLite file lives in var/, which a fresh clone does not have yet.
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'hatnhan.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
    # Tests on a file, not Django's shared-cache in-memory database: there a second connection
    # gets "database table is locked" at once instead of waiting its turn, so race tests
    # (core.testing.run_concurrently) could not show how two real users' writes serialize.
    DATABASES["default"]["TEST"] = {
        "NAME": os.getenv(
            "TEST_DATABASE_NAME",
            os.path.join(tempfile.gettempdir(), f"hatnhan-test-{os.getpid()}.sqlite3"),
        )
    }
# A PostgreSQL streaming replica (docs/production.md, "A national deployment"): reads of
# GET/HEAD requests go there through hatnhan.core.routers; writes, transactions, sign-in and
# roles stay on the primary, and a browser that just wrote reads the primary for
# DATABASE_REPLICA_STICKY_SECONDS. Unset: one database, no router.
DATABASE_REPLICA_URL = os.getenv("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_STICKY_SECONDS = envint("DATABASE_REPLICA_STICKY_SECONDS", 10)
DATABASE_ROUTERS: list[str] = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 0)
    )
    # Tests run on one database: the alias points at default's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["hatnhan.core.routers.ReplicaRouter"]
# Behind PgBouncer in transaction mode a server-side cursor (QuerySet.iterator() outside a
# transaction) may meet another client's server connection: turn them off there.
if envbool("DB_DISABLE_SERVER_SIDE_CURSORS", "False"):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-axes first: a locked-out account or address is refused before its password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "hatnhan.accounts.backends.ModelBackendWithMember",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "hatnhan" / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
# Vietnamese practice in both languages: dates are dd/mm/yyyy.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["hatnhan.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Closed government networks: every asset comes from this server, nothing else may load.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# HTTPS. A real server (DEBUG off) is secure by default; a laptop demo (DEBUG on) is plain
# HTTP. Each is still an environment variable, for a test bench or an unusual proxy.
PRODUCTION_DEFAULT = "False" if DEBUG else "True"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", PRODUCTION_DEFAULT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", PRODUCTION_DEFAULT)
# A year of HSTS once the site answers over HTTPS (Django's check --deploy asks for it).
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION_DEFAULT)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
# The browsers' preload list is for public domains; a closed network's host names cannot be on
# it, so its absence is no finding there. A public domain sets SECURE_HSTS_PRELOAD=1 instead.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# The documented layout is nginx in front, which *sets* X-Forwarded-Proto (never passes the
# client's): only then may Django trust it. Empty turns it off (the app faces clients itself).
_proxy_header = os.getenv("SECURE_PROXY_SSL_HEADER", "" if DEBUG else "HTTP_X_FORWARDED_PROTO")
SECURE_PROXY_SSL_HEADER = (_proxy_header, "https") if _proxy_header else None
# The header in which nginx gives the client's address (`proxy_set_header X-Real-IP
# $remote_addr;`), for the security log and the throttles; empty when clients reach the app
# directly (then REMOTE_ADDR is theirs).
CLIENT_IP_HEADER = os.getenv("CLIENT_IP_HEADER", "" if DEBUG else "HTTP_X_REAL_IP")
SESSION_COOKIE_HTTPONLY = True
# Database sessions that know their user, so deactivating an account or resetting its password
# ends its sessions at once (hatnhan.accounts.sessions).
SESSION_ENGINE = "hatnhan.accounts.sessions"
# Granting roles, resetting passwords (and, later, approving identity access) ask the user to
# confirm their password again unless they did within this many seconds
# (hatnhan.accounts.reauth).
REAUTH_MAX_AGE_SECONDS = envint("REAUTH_MAX_AGE_SECONDS", 10 * 60)
# Sessions end after this long without a request, and in any case this long after sign-in
# (hatnhan.core.middleware.SessionLifetimeMiddleware); the cookie lives no longer than that.
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_SECONDS", 10 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS

# Two-factor sign-in (django-otp: a TOTP authenticator app, plus one-time recovery codes).
# Whoever holds one of these roles must have it; anyone else (a member) may enroll.
HATNHAN_MFA_REQUIRED_ROLES = [
    r.strip()
    for r in os.getenv(
        "HATNHAN_MFA_REQUIRED_ROLES", "admin,staff,secretary,inspector,custodian"
    ).split(",")
    if r.strip()
]
# The issuer shown in the authenticator app next to the account's name.
OTP_TOTP_ISSUER = os.getenv("OTP_TOTP_ISSUER", "hatnhan")
# How many recovery codes an enrollment (or a regeneration) gives.
MFA_RECOVERY_CODES = envint("MFA_RECOVERY_CODES", 10)

# Brute force (django-axes). Failures are counted per account AND, separately, per address
# (either reaching the limit locks): a password sprayed over many accounts from one address is
# stopped as well as many guesses at one account. Wrong two-factor codes count as failures
# too (hatnhan.accounts.mfa). An administrator lifts a lockout on the account's page.
AXES_ENABLED = envbool("AXES_ENABLED", "True")
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Not on the password alone: the failures are forgotten once every factor passed
# (hatnhan.accounts.mfa.mark_verified), so signing in with a known password again does not
# reset the count of wrong codes.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
# The client's address as the security log reads it (CLIENT_IP_HEADER behind nginx).
AXES_CLIENT_IP_CALLABLE = "hatnhan.core.security_log.client_address"
# Axes logs through its own logger at WARNING; the security log already records each event.
AXES_VERBOSE = False
X_FRAME_OPTIONS = "DENY"
# A refused form says in Vietnamese what happened and what to do, inside the layout.
CSRF_FAILURE_VIEW = "hatnhan.portal.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True

REST_FRAMEWORK = {
    # Token first: an anonymous request then gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "hatnhan.api.authentication.ThrottledTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Generous for integrations, a brake on scripts run amok; failed tokens have their own
    # stricter limit (hatnhan.api.authentication).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.getenv("API_THROTTLE_ANON", "60/minute"),
        "user": os.getenv("API_THROTTLE_USER", "1200/minute"),
        # The public report and follow endpoints (hatnhan.feedback.api_public).
        "feedback_public": os.getenv("API_THROTTLE_FEEDBACK_PUBLIC", "10/minute"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "hatnhan.api.pagination.Pagination",
    # Each list's FilterSet (the app's filters.py), shared with its page and export.
    "DEFAULT_FILTER_BACKENDS": ["hatnhan.core.filters.FilterBackend"],
    "PAGE_SIZE": envint("API_PAGE_SIZE", 50),
    # Documents the refusals every operation may answer, as well as its success.
    "DEFAULT_SCHEMA_CLASS": "hatnhan.core.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "hatnhan.api.exceptions.exception_handler",
}
# API throttle counters live in the cache (sign-in lockouts in the database, django-axes):
# one process's memory by default; several gunicorn workers must share one
# (docs/production.md: the database cache, or Redis).
CACHES = {
    "default": {
        "BACKEND": os.getenv("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.getenv("CACHE_LOCATION", "hatnhan"),
    },
    # The bloc dashboard's rendered fragments (dashboards/fragments.py). Their keys change with
    # every refresh, so each process may keep its own (nothing to invalidate across workers);
    # apart from "default" so a few pages of a few hundred kB never push out throttle counters.
    "dashboards": {
        "BACKEND": os.getenv(
            "DASHBOARDS_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.getenv("DASHBOARDS_CACHE_LOCATION", "hatnhan-dashboards"),
        "TIMEOUT": envint("DASHBOARDS_CACHE_SECONDS", 24 * 3600),
    },
}
if not CACHES["dashboards"]["BACKEND"].endswith(("RedisCache", "MemcacheCache")):
    # The backends that cull by count (memory, database, files); Redis and memcached evict
    # by their own memory limit.
    CACHES["dashboards"]["OPTIONS"] = {"MAX_ENTRIES": envint("DASHBOARDS_CACHE_ENTRIES", 64)}
# Wrong API tokens allowed per client address in the window before it is answered 429.
API_TOKEN_FAILURES = envint("API_TOKEN_FAILURES", 20)
API_TOKEN_FAILURE_WINDOW_SECONDS = envint("API_TOKEN_FAILURE_WINDOW_SECONDS", 15 * 60)
SPECTACULAR_SETTINGS = {
    "TITLE": "hatnhan API",
    # In the reader's language: the site's choice, or ?lang=en on the schema.
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge fetched from validator.swagger.io: nothing leaves the closed network.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    # Name shared choice sets after their model so apps' "status"/"role" enums never collide.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "hatnhan.organizations.models.OrganizationKind",
        "MemberStatusEnum": "hatnhan.members.models.MemberStatus",
        "GenderEnum": "hatnhan.members.models.Gender",
        "SeatRoleEnum": "hatnhan.members.models.SeatRole",
        "RoleNameEnum": "hatnhan.accounts.models.RoleName",
        "LevelEnum": "hatnhan.directives.models.FocusLevel",
        "MeetingKindEnum": "hatnhan.meetings.models.MeetingKind",
        "MeetingBodyEnum": "hatnhan.meetings.models.MeetingBody",
        "AssessmentKindEnum": "hatnhan.meetings.models.AssessmentKind",
        "QualityLevelEnum": "hatnhan.meetings.models.QualityLevel",
        "InspectionKindEnum": "hatnhan.inspections.models.ItemKind",
        "EvaluationLevelEnum": "hatnhan.evaluations.models.Level",
        "EvaluationRoundStatusEnum": "hatnhan.evaluations.models.RoundStatus",
        "EvaluationSubjectsEnum": "hatnhan.evaluations.models.Subjects",
        "EvaluationStageEnum": "hatnhan.evaluations.models.Stage",
        "EvaluationSelfFormEnum": "hatnhan.evaluations.models.SelfForm",
        "InspectionStepEnum": "hatnhan.inspections.models.Step",
        "InspectionStepOutcomeEnum": "hatnhan.inspections.models.StepOutcome",
        "InspectionBodyEnum": "hatnhan.inspections.models.Body",
        "DisciplineFormEnum": "hatnhan.discipline.models.DisciplineForm",
        "StateDisciplineFormEnum": "hatnhan.discipline.models.StateDisciplineForm",
        "DisciplineCorrectionKindEnum": "hatnhan.discipline.models.CorrectionKind",
        "FeedbackStatusEnum": "hatnhan.feedback.models.Status",
        "FeedbackCategoryEnum": "hatnhan.feedback.models.Category",
        "FeedbackIdentityRequestStatusEnum": "hatnhan.feedback.models.RequestStatus",
    },
}

TASKS = {
    "default": {
        "BACKEND": os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

MAILERS = {
    "default": {
        "BACKEND": os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": {
            k.lower(): v
            for k, v in {
                "HOST": os.getenv("EMAIL_HOST"),
                "PORT": os.getenv("EMAIL_PORT"),
                "USERNAME": os.getenv("EMAIL_HOST_USER"),
                "PASSWORD": os.getenv("EMAIL_HOST_PASSWORD"),
            }.items()
            if v
        },
    }
}
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "hatnhan@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # One JSON object a line, stamped in UTC (hatnhan.core.security_log).
        "security": {
            "()": "hatnhan.core.security_log.UTCFormatter",
            "format": "%(asctime)s security %(message)s",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {"class": "logging.StreamHandler", "formatter": "security"},
    },
    "loggers": {
        "hatnhan.security": {
            "handlers": ["security"],
            "level": os.getenv("SECURITY_LOG_LEVEL", "INFO"),
            "propagate": False,
        }
    },
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# Lists: rows per page on the server-rendered pages.
PAGE_SIZE = envint("PAGE_SIZE", 50)

# Uploads (evidence, directive files, imports). Limits are settings an operator can change.
# The place written before the date on every Word document (HD 36: "Nghệ An, ngày …").
DOCUMENT_PLACE = os.getenv("DOCUMENT_PLACE", "Nghệ An")
# Điều lệ Đảng, Điều 5: probationary members do not vote. A cell may count them anyway.
VOTES_PROBATIONARY_MAY_VOTE = envbool("VOTES_PROBATIONARY_MAY_VOTE", "False")
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# A picker with more choices than this renders none of them: it searches as one types
# (core.widgets.PickerMixin.search_from), so a form costs the same for a cell and a bloc.
PICKER_MAX_OPTIONS = envint("PICKER_MAX_OPTIONS", 100)
UPLOAD_ZIP_MAX_ENTRIES = envint("UPLOAD_ZIP_MAX_ENTRIES", 2000)
UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = envint("UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES", 300 * 1024 * 1024)
UPLOAD_ZIP_MAX_RATIO = envint("UPLOAD_ZIP_MAX_RATIO", 200)

# Excel import/export of member lists (hatnhan.exchange). Limits are settings an operator changes.
EXCHANGE_IMPORT_MAX_BYTES = envint("EXCHANGE_IMPORT_MAX_BYTES", UPLOAD_MAX_BYTES)
EXCHANGE_IMPORT_MAX_ROWS = envint("EXCHANGE_IMPORT_MAX_ROWS", 100_000)
# Files with more rows than this are read and applied by a background task with a progress bar.
EXCHANGE_BACKGROUND_ROWS = envint("EXCHANGE_BACKGROUND_ROWS", 300)
# Exports of more rows than this are written by a background task (a page follows it): a
# workbook takes about 0.1 ms per row, so the request stays under a second below it.
EXCHANGE_EXPORT_BACKGROUND_ROWS = envint("EXCHANGE_EXPORT_BACKGROUND_ROWS", 5_000)
# Queued work no worker has taken for this many seconds: the page says no worker is running.
EXCHANGE_WORKER_WAIT_SECONDS = envint("EXCHANGE_WORKER_WAIT_SECONDS", 20)
# How many planned creations/updates the preview page lists (every error is always listed).
EXCHANGE_PREVIEW_ROWS = envint("EXCHANGE_PREVIEW_ROWS", 200)
# Task reminders (hatnhan.tasks.reminders). The schedule is configuration, not code.
# Days before the due date on which the owner is reminded; on the day and when overdue too.
TASK_REMINDER_DAYS_BEFORE = [
    int(d) for d in os.getenv("TASK_REMINDER_DAYS_BEFORE", "3,1").split(",") if d.strip()
]
# An overdue task reminds its owner again every this many days until accepted or cancelled.
TASK_OVERDUE_REMIND_EVERY_DAYS = envint("TASK_OVERDUE_REMIND_EVERY_DAYS", 7)
# Weekly digest to assigners and secretaries: weekday (0 = Monday … 6 = Sunday).
TASK_DIGEST_WEEKDAY = envint("TASK_DIGEST_WEEKDAY", 0)
# How often `hatnhan worker` enqueues the reminder sweep (seconds).
TASK_REMINDER_SWEEP_SECONDS = envint("TASK_REMINDER_SWEEP_SECONDS", 15 * 60)
# A reminder e-mail that fails is sent again by a later sweep, this many times in all...
TASK_REMINDER_EMAIL_ATTEMPTS = envint("TASK_REMINDER_EMAIL_ATTEMPTS", 5)
# ...after these waits in minutes (the last repeats); then staff see it as undelivered.
TASK_REMINDER_EMAIL_RETRY_MINUTES = [
    int(m)
    for m in os.getenv("TASK_REMINDER_EMAIL_RETRY_MINUTES", "15,60,240,720").split(",")
    if m.strip()
]
# Cell meetings (hatnhan.meetings). The check-in code shown as a QR on the chair's screen
# changes every MEETING_CHECKIN_ROTATE_SECONDS; a code is accepted during its own period and
# the one after (a member scanning as it turns over is not refused).
MEETING_CHECKIN_ROTATE_SECONDS = envint("MEETING_CHECKIN_ROTATE_SECONDS", 60)
# Check-in opens this long before the planned start and closes this long after the planned end
# (or at the recorded actual end).
MEETING_CHECKIN_OPENS_MINUTES = envint("MEETING_CHECKIN_OPENS_MINUTES", 30)
MEETING_CHECKIN_CLOSES_MINUTES = envint("MEETING_CHECKIN_CLOSES_MINUTES", 30)
# Arriving more than this many minutes after the start is recorded as late.
MEETING_LATE_GRACE_MINUTES = envint("MEETING_LATE_GRACE_MINUTES", 5)
# Quality of a meeting (HD 12; the rubric used by provincial blocs, e.g. ĐUK Phú Thọ). Each
# part's points; the computed checks give the points they carry inside their part, people
# score the rest of each part. Thresholds of the levels, and of the computed checks.
MEETING_QUALITY = {
    "parts": {"preparation": 15, "attendance": 20, "conduct": 45, "closing": 20},
    "check_points": {
        "documents_ahead": ("preparation", 5),
        "committee_met_first": ("preparation", 5),
        "draft_resolution": ("preparation", 5),
        "attendance_rate": ("attendance", 15),
        "excused_streak": ("attendance", 5),
        "duration": ("conduct", 10),
        "speakers": ("conduct", 10),
        "previous_reviewed": ("conduct", 5),
        "minutes_complete": ("closing", 10),
    },
    "levels": {"good": 90, "fair": 70, "average": 50},
    "attendance_rate_above": 85,
    "excused_streak_max": 3,
    "min_minutes": 90,
    "min_minutes_thematic": 120,
    "documents_days_ahead": 1,
    "min_speakers": 3,
    # A cell's year: "good" only if every monthly meeting is fair or better and this many good.
    "year_good_min": 7,
}


def envlevels(name: str, default: str) -> dict[str, int]:
    """`form:levels,form:levels` as {form: levels}."""
    pairs = (e.partition(":") for e in os.getenv(name, default).split(",") if e.strip())
    return {form.strip(): int(levels) for form, _sep, levels in pairs}


# Discipline (hatnhan.discipline). Who may decide which form: how many levels above the
# subject's organization the deciding body must stand at least (0: the organization itself or
# any body above it). REGULATIONS.md §3 confirms the forms (QĐ 69-QĐ/TW Art. 7), not the
# competence: these are unconfirmed, an administrator's to set. For a member the count is from
# the member's organization (a dismissal: from the organization whose committee seat ends).
DISCIPLINE_MEMBER_LEVELS = envlevels(
    "DISCIPLINE_MEMBER_LEVELS", "reprimand:0,warning:0,dismissal:1,expulsion:1"
)
DISCIPLINE_ORGANIZATION_LEVELS = envlevels(
    "DISCIPLINE_ORGANIZATION_LEVELS", "reprimand:1,warning:1,dissolution:1"
)
# A state body that disciplines a party member tells the party organization within this many
# days (REGULATIONS.md §3, QĐ 296-QĐ/TW: "within 5 days", read as calendar days); whether
# they are working days is unconfirmed: True counts working days (Monday to Friday less the
# holidays of hatnhan.organizations.workdays).
DISCIPLINE_STATE_NOTICE_DAYS = envint("DISCIPLINE_STATE_NOTICE_DAYS", 5)
DISCIPLINE_STATE_NOTICE_WORKING_DAYS = envbool("DISCIPLINE_STATE_NOTICE_WORKING_DAYS", "False")
# Inspection and supervision (hatnhan.inspections, QĐ 296-QĐ/TW). What the official texts at
# hand do not fix is configuration: who reads a case, the time limits, the severity scale and
# the administrative-discipline checklist. Each may be replaced by a JSON value in the
# environment variable of the same name (docs/production.md).


def envjson(name: str, default: Any) -> Any:
    raw = os.getenv(name, "").strip()
    if not raw:
        return default
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: cần giá trị JSON. / {name}: expects JSON.") from exc


# Who reads and changes a case (hatnhan.core.restrict.access_rules): "subtree" roles reach the
# cases of every body in their organization's subtree; "body" roles count only in the
# inspecting organization itself (the committee that owns the program), so a secretary does
# not read the cases of the bodies beneath by default.
INSPECTION_CASE_ACCESS: dict[str, dict[str, list[str]]] = envjson(
    "INSPECTION_CASE_ACCESS",
    {
        "subtree": {"admin": ["view", "change"], "inspector": ["view", "change"]},
        "body": {
            "secretary": ["view", "change"],
            "committee": ["view", "change"],
            "staff": ["view", "change"],
        },
    },
)
# Days each step may take from the day the case reached it (unconfirmed: REGULATIONS.md §3);
# a step absent here has no limit. Past it the step is overdue and the sweep alerts the team.
INSPECTION_STEP_DAYS: dict[str, int] = envjson(
    "INSPECTION_STEP_DAYS",
    {
        "decision": 15,
        "team": 5,
        "plan": 7,
        "notice": 7,
        "self_report": 15,
        "verification": 30,
        "working_sessions": 30,
        "documents": 15,
        "meeting": 15,
        "findings": 7,
        "conclusion": 15,
        "recommendations": 7,
        "follow_up": 90,
    },
)
# Overdue steps alert again every this many days.
INSPECTION_OVERDUE_REMIND_EVERY_DAYS = envint("INSPECTION_OVERDUE_REMIND_EVERY_DAYS", 7)
# The severity scale of findings, lowest first: (code, Vietnamese label).
INSPECTION_SEVERITIES: list[tuple[str, str]] = envjson(
    "INSPECTION_SEVERITIES",
    [
        ("minor", "Hạn chế, thiếu sót"),
        ("moderate", "Vi phạm chưa đến mức xử lý kỷ luật"),
        ("serious", "Vi phạm đến mức phải xem xét kỷ luật"),
        ("grave", "Vi phạm nghiêm trọng"),
    ],
)
# The administrative-discipline spot-check checklist: (code, item). Results copy the wording.
INSPECTION_SPOT_CHECKLIST: list[tuple[str, str]] = envjson(
    "INSPECTION_SPOT_CHECKLIST",
    [
        ("hours", "Có mặt đúng giờ, làm việc đủ thời gian quy định"),
        ("badge", "Đeo thẻ công chức, viên chức khi thi hành công vụ"),
        ("posting", "Niêm yết công khai thủ tục hành chính, phí, lệ phí"),
        ("conduct", "Thái độ, tác phong đúng mực với người dân, doanh nghiệp"),
        ("on_time", "Giải quyết hồ sơ thủ tục hành chính đúng hạn luật định"),
        ("no_extortion", "Không gây phiền hà, nhũng nhiễu người dân, doanh nghiệp"),
        ("alcohol", "Không uống rượu, bia trong giờ làm việc"),
    ],
)

# --- Citizens' reports (hatnhan.feedback; REGULATIONS.md §4) ---------------------------------
# Who reads and handles a report: the bloc's admin and staff over their subtree; the agency's
# grassroots secretary and committee in its own organization only (not every secretary of
# the subtree, and never the cells, where the named official may sit). Unconfirmed: a setting.
FEEDBACK_ACCESS: dict[str, dict[str, list[str]]] = envjson(
    "FEEDBACK_ACCESS",
    {
        "subtree": {"admin": ["view", "change"], "staff": ["view", "change"]},
        "body": {"secretary": ["view", "change"], "committee": ["view", "change"]},
    },
)
# Working days to triage a report from the day it came in (intake within 7 working days,
# REGULATIONS.md §4, unconfirmed) and to answer it from triage (unconfirmed).
FEEDBACK_TRIAGE_WORKING_DAYS = envint("FEEDBACK_TRIAGE_WORKING_DAYS", 7)
FEEDBACK_ANSWER_WORKING_DAYS = envint("FEEDBACK_ANSWER_WORKING_DAYS", 20)
# Overdue triage and answers alert again every this many days.
FEEDBACK_OVERDUE_REMIND_EVERY_DAYS = envint("FEEDBACK_OVERDUE_REMIND_EVERY_DAYS", 7)
# Abuse limits without third parties (hatnhan.feedback.abuse): reports per client address
# and per agency in a window, follow attempts per address, the proof of work's difficulty
# (leading zero bits of SHA-256) and how long a challenge stays valid.
FEEDBACK_SUBMIT_PER_ADDRESS = envint("FEEDBACK_SUBMIT_PER_ADDRESS", 5)
FEEDBACK_SUBMIT_PER_AGENCY = envint("FEEDBACK_SUBMIT_PER_AGENCY", 100)
FEEDBACK_SUBMIT_WINDOW_SECONDS = envint("FEEDBACK_SUBMIT_WINDOW_SECONDS", 60 * 60)
FEEDBACK_FOLLOW_PER_ADDRESS = envint("FEEDBACK_FOLLOW_PER_ADDRESS", 10)
FEEDBACK_FOLLOW_WINDOW_SECONDS = envint("FEEDBACK_FOLLOW_WINDOW_SECONDS", 15 * 60)
FEEDBACK_POW_BITS = envint("FEEDBACK_POW_BITS", 16)
FEEDBACK_POW_MAX_AGE_SECONDS = envint("FEEDBACK_POW_MAX_AGE_SECONDS", 2 * 60 * 60)
FEEDBACK_MAX_FILES = envint("FEEDBACK_MAX_FILES", 5)
# Public statistics: a figure counting fewer reports than this is shown as "fewer than".
FEEDBACK_STATS_MIN_COUNT = envint("FEEDBACK_STATS_MIN_COUNT", 5)

# The year-end review (hatnhan.evaluations; REGULATIONS.md §1). What QĐ 366 / HD 43 leave
# unconfirmed is here, for an administrator to change without code; the rules the regulations
# do fix are data (evaluations.Rule, with their clauses). hatnhan.evaluations.conf reads these.
# The task-result part: its points (QĐ 366 appendix: 70 of 100) and the formula's weights.
# A task's share = outcome weight × (1 when submitted by its due date in force, else
# EVALUATION_LATE_FACTOR); open and overdue tasks count 0. All done on time, met or exceeded:
# the full points.
EVALUATION_TASK_POINTS = envint("EVALUATION_TASK_POINTS", 70)
EVALUATION_OUTCOME_WEIGHTS = {
    "exceeded": float(os.getenv("EVALUATION_WEIGHT_EXCEEDED", "1")),
    "met": float(os.getenv("EVALUATION_WEIGHT_MET", "1")),
    "partly_met": float(os.getenv("EVALUATION_WEIGHT_PARTLY_MET", "0.5")),
    "not_met": float(os.getenv("EVALUATION_WEIGHT_NOT_MET", "0")),
}
EVALUATION_LATE_FACTOR = float(os.getenv("EVALUATION_LATE_FACTOR", "0.5"))
# A member with no task due in the period: "committee" leaves the task part to the committee
# (no score from the record, the proposal says so); a number gives that many points.
EVALUATION_NO_TASK_POINTS = os.getenv("EVALUATION_NO_TASK_POINTS", "committee")
# QĐ 366: a quota on "xuất sắc" is unconfirmed (off); its share of the "tốt" ratings when on.
EVALUATION_QD366_EXCELLENT_QUOTA = envbool("EVALUATION_QD366_EXCELLENT_QUOTA", "False")
EVALUATION_EXCELLENT_QUOTA_SHARE = float(os.getenv("EVALUATION_EXCELLENT_QUOTA_SHARE", "0.2"))
# HD 43: whether members admitted less than this many months before the period ends are left
# out, as QĐ 124 did (unconfirmed under HD 43: off).
EVALUATION_QD366_EXCLUDE_RECENT = envbool("EVALUATION_QD366_EXCLUDE_RECENT", "False")
EVALUATION_RECENT_MONTHS = envint("EVALUATION_RECENT_MONTHS", 6)
# Rounds over more members than this are computed by a background task with a progress bar.
EVALUATION_BACKGROUND_MEMBERS = envint("EVALUATION_BACKGROUND_MEMBERS", 300)

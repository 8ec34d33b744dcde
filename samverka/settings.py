"""Samverka's settings: one file, everything that differs between installations comes
from environment variables (see README, "Configuration"). With no variables set the
platform runs on an embedded SQLite database in ./var."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SAMVERKA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    # A trial installation keeps a generated key next to its database.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Number of reverse proxies in front of the app whose X-Forwarded-For entries we trust
# (0: use the socket address). Rate limits count per client address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# A request that waited longer than this in front of Django (the trusted proxy's
# X-Request-Start, nginx `$msec`) is answered 503 with Retry-After at once (0: never).
LOAD_SHED_AFTER_MS = env_int("LOAD_SHED_AFTER_MS", 2000)
# The benchmark's app (bench/: the floor views at /_floor, their model, the fill command);
# only the benchmark turns it on.
BENCHMARK_FLOOR = env_bool("BENCHMARK_FLOOR")

INSTALLED_APPS = [
    "samverka.core",
    "samverka.accounts",
    "samverka.municipality",
    "samverka.actors",
    "samverka.guides",
    "samverka.activities",
    "samverka.volunteers",
    "samverka.needs",
    "samverka.matching",
    "samverka.grants",
    "samverka.networks",
    "samverka.ideas",
    "samverka.partnerships",
    "samverka.news",
    "samverka.cases",
    "samverka.dialogue",
    "samverka.crisis",
    "samverka.plans",
    "samverka.overview",
    "samverka.communication",
    "samverka.api",
    "samverka.demo",
    "samverka.portal",
    "samverka.setup",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "samverka.core.third_party.BackgroundTasksConfig",
    "allauth",
    "samverka.core.third_party.EmailAddressesConfig",
    "samverka.core.third_party.TwoFactorConfig",
    "samverka.core.third_party.IdentityProvidersConfig",
    "allauth.socialaccount.providers.openid_connect",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
]
if BENCHMARK_FLOOR:
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "samverka.core.middleware.TrustedProxyMiddleware",
    "samverka.core.middleware.LoadSheddingMiddleware",
    "samverka.core.middleware.PrivatePagesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samverka.accounts.middleware.RequireOfficialTwoFactorMiddleware",
]

ROOT_URLCONF = "samverka.urls"
WSGI_APPLICATION = "samverka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverka.core.context_processors.platform",
                "samverka.municipality.context_processors.municipality",
                "samverka.crisis.context_processors.crisis",
                "samverka.portal.context_processors.actor_links",
                "samverka.portal.context_processors.idea_links",
            ],
            "builtins": ["samverka.core.templatetags.ui", "rules.templatetags.rules", "django.templatetags.i18n"],
        },
    }
]

# Database: SQLite in ./var by default; PostgreSQL (production) through DATABASE_URL,
# e.g. postgres://samverka:secret@db.internal:5432/samverka
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "samverka.core.sqlite",  # Django's, plus PRAGMA optimize (see there)
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "samverka.sqlite3")),
            # Keep the connection between requests: opening one and running the PRAGMAs
            # below costs about a millisecond, as much as a small page.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            # Django's default test database, said outright: pytest-django recognises SQLite
            # by the engine's name only and would otherwise give each xdist worker a file.
            "TEST": {"NAME": ":memory:"},
            "OPTIONS": {
                # Concurrent writers: WAL lets readers go on while one writes; IMMEDIATE
                # takes the write lock at BEGIN so transactions queue instead of failing.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON; "
                    "PRAGMA cache_size=-20000; PRAGMA mmap_size=134217728;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: sessions and rate limits must be shared by all app servers, so production with
# more than one server sets REDIS_URL.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "samverka"}}
    # Read from the shared cache, written through to the database: a restart of Redis logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Per process (a trial, one server). Each entry is mostly a cached public page
    # (core.pagecache) of some 20-50 KB, and every change renews a stamp, so new entries
    # pile up until the cap: 2 000 keeps a worker's cache under about 100 MB.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}}
    # In the database: a per-process cache could not end a session in the other workers.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: e-mail is the login; the address must be verified before use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "samverka.accounts.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "samverka.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Samverka: "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Wrong passwords count per account *and* client address (AccountAdapter.pre_authenticate),
    # so a guesser stops only himself, not the account's owner elsewhere; ...
    "login_failed": "10/m/ip,5/5m/key",
    # ... and per account from everywhere, under a ceiling one address cannot reach (the limit
    # above lets it try at most 60 times an hour).
    "login_failed_account": "100/h/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)
RATELIMIT_ENABLE = ACCOUNT_RATE_LIMITS_ENABLED  # django-ratelimit (the public forms)
# How many messages a public form may send to typed addresses per hour, all together, where
# the defaults in communication/limits.py (CAPS) are too few for a large municipality:
# MESSAGE_CAPS_PER_HOUR="crisis.signup=5000,activities.register=1000".
MESSAGE_CAPS_PER_HOUR = {purpose.strip(): int(count) for purpose, _, count in
                         (item.partition("=") for item in env_list("MESSAGE_CAPS_PER_HOUR"))}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_TOLERANCE = 1  # accept a code from the previous 30-second period too
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Samverka")
SOCIALACCOUNT_ADAPTER = "samverka.accounts.adapters.SocialAccountAdapter"
# Accounts from an identity provider are linked by the provider's `sub` only. An e-mail
# address the provider sends never logs anyone into an existing local account.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_STORE_TOKENS = False


def _oidc_providers() -> dict:
    """A municipality's own identity provider (e.g. a Swedish e-ID broker) over OpenID
    Connect, configured by OIDC_* variables (docs/oidc.md). None when OIDC_SERVER_URL is unset."""
    server_url = os.environ.get("OIDC_SERVER_URL", "").rstrip("/")
    if not server_url:
        return {}
    from urllib.parse import urlsplit

    parts = urlsplit(server_url)
    if parts.scheme != "https" and parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise ImproperlyConfigured("OIDC_SERVER_URL must be an https:// address.")
    client_id = os.environ.get("OIDC_CLIENT_ID", "")
    if not client_id:
        raise ImproperlyConfigured("OIDC_CLIENT_ID must be set when OIDC_SERVER_URL is.")
    token_auth_method = os.environ.get("OIDC_TOKEN_AUTH_METHOD", "client_secret_basic")
    if token_auth_method not in {"client_secret_basic", "client_secret_post"}:
        raise ImproperlyConfigured("OIDC_TOKEN_AUTH_METHOD must be client_secret_basic or client_secret_post.")
    scopes = env_list("OIDC_SCOPES", "openid,profile,email")
    if "openid" not in scopes:
        scopes.insert(0, "openid")
    return {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": os.environ.get("OIDC_PROVIDER_ID", "eid"),
                    "name": os.environ.get("OIDC_NAME", "E-legitimation"),
                    "client_id": client_id,
                    "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                    "settings": {
                        "server_url": server_url,
                        "token_auth_method": token_auth_method,
                        "scope": scopes,
                        "oauth_pkce_enabled": True,
                        # Believe the provider's `email_verified` claim for a new account
                        # (otherwise the address is confirmed by e-mail first).
                        "trust_email_verified": env_bool("OIDC_TRUST_EMAIL_VERIFIED", False),
                    },
                }
            ]
        }
    }


SOCIALACCOUNT_PROVIDERS = _oidc_providers()

# Languages: Swedish is the default and complete, English complete, Arabic right to left.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English")), ("ar", _("Arabic"))]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-overrides"]  # overrides: better words for allauth and Django
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Production runs `collectstatic` and sets STATIC_MANIFEST=1 (hashed, compressed files with
# far-future caching); otherwise files are served straight from the source folders.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Files that are no one's to fetch by address (grant applications' attachments, annual
# documents): outside MEDIA_ROOT, no URL serves them; a view that asks the rules streams each.
# In production an S3-compatible bucket without public access (PRIVATE_FILES_BUCKET).
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT", VAR_DIR / "private"))
STORAGES["private"] = (
    {"BACKEND": "storages.backends.s3.S3Storage",
     "OPTIONS": {"bucket_name": os.environ["PRIVATE_FILES_BUCKET"], "default_acl": "private",
                 "querystring_auth": True, "file_overwrite": False,
                 "endpoint_url": os.environ.get("PRIVATE_FILES_ENDPOINT_URL") or None}}
    if os.environ.get("PRIVATE_FILES_BUCKET")
    else {"BACKEND": "samverka.grants.storage.PrivateFileSystemStorage", "OPTIONS": {"location": PRIVATE_FILES_ROOT}}
)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# E-mail goes out through the outbox (samverka.communication); this is the transport.
_EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend" if _EMAIL_HOST and not DEBUG
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {
            "host": _EMAIL_HOST, "port": env_int("EMAIL_PORT", 587),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True), "timeout": 20,
        } if _EMAIL_HOST else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samverka <noreply@samverka.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SMS_BACKEND = os.environ.get("SMS_BACKEND", "samverka.communication.sms.ConsoleBackend")
SMS_SENDER = os.environ.get("SMS_SENDER", "Samverka")
# The SMS provider posts replies (crisis tasks: "JA 123456") to /kris/sms/?secret=…
SMS_INBOUND_SECRET = os.environ.get("SMS_INBOUND_SECRET", "")
# Regional programmes: the Ed25519 key (32-byte seed, base64) that signs this installation's
# feed and messages to partner municipalities; empty: generated once into VAR_DIR.
REGIONAL_PRIVATE_KEY = os.environ.get("REGIONAL_PRIVATE_KEY", "")
# The HTTP provider (SMS_BACKEND=samverka.communication.elks.ElksBackend, 46elks' API).
SMS_API_URL = os.environ.get("SMS_API_URL", "https://api.46elks.com/a1/sms")
SMS_API_USER = os.environ.get("SMS_API_USER", "")
SMS_API_PASSWORD = os.environ.get("SMS_API_PASSWORD", "")
SMS_TIMEOUT = env_int("SMS_TIMEOUT", 10)  # seconds; well under OUTBOX_LEASE_SECONDS
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 30)  # the first wait; it doubles up to 6 h
# A message claimed by a worker that died is sent again when its lease runs out.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 300)

# Security headers. Every page carries a Content-Security-Policy without inline scripts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "samverka.core.views.csrf_failure"
# Production sets HTTPS=1 (secure cookies, HSTS, redirect); `check --deploy` insists.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /.well-known/security.txt (RFC 9116): where to report a vulnerability. One or more
# addresses, mailto: or https:, separated by commas.
SECURITY_CONTACTS = env_list("SECURITY_CONTACT", "mailto:security@samverka.example")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploads (core/uploads.py): the largest image and document people may send, in MB, and
# the longest side, in pixels, an image is stored with.
UPLOAD_IMAGE_MAX_MB = env_int("UPLOAD_IMAGE_MAX_MB", 5)
UPLOAD_DOCUMENT_MAX_MB = env_int("UPLOAD_DOCUMENT_MAX_MB", 20)
UPLOAD_IMAGE_MAX_SIDE = env_int("UPLOAD_IMAGE_MAX_SIDE", 2000)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "samverka.api.schema.SamverkaAutoSchema",
    # Every answer, errors included, is JSON (no browsable HTML pages).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["samverka.api.permissions.RulesPermission"],
    "DEFAULT_PAGINATION_CLASS": "samverka.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["samverka.api.filters.FilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle", "rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "300/min", "user": "1200/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverka API",
    "DESCRIPTION": "Public data of the association register, and writes for representatives.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # What a write takes (without the fields only read) apart from what it answers.
    "COMPONENT_SPLIT_REQUEST": True,
    # A coming decision's quarter and the quarter it moved from share one set of choices: one name.
    "ENUM_NAME_OVERRIDES": {"QuarterEnum": "samverka.plans.models.ForwardItem.Quarter"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

"""Settings, read from the environment.

Development defaults are safe on a laptop (DEBUG on, SQLite, console email);
production is `DEBUG=0` with `SECRET_KEY`, `ALLOWED_HOSTS` and `DATABASE_URL`
set, and must pass `manage.py check --deploy --fail-level WARNING`.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.getenv(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.getenv(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.getenv(name)
    if value is None or value == "":
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


DEBUG = env_bool("DEBUG", True)
DEV_SECRET = "django-insecure-development-only-key-do-not-use-in-production"
SECRET_KEY = os.getenv("SECRET_KEY", DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "lti_tool",  # before quizzes: quizzes/admin.py replaces its registration admin
    "quizzes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and framing middleware: an LMS-embedded session gets its
    # own cookies and may be framed by its LMS (quizzes/lti/embedding.py).
    "quizzes.lti.embedding.LtiEmbeddingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body (CSRF reads POST in process_view, after every __call__).
    "quizzes.middleware.RequestBodyLimitMiddleware",
    "quizzes.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "quizzes.accounts.middleware.UserTimezoneMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes' rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "edu.urls"
WSGI_APPLICATION = "edu.wsgi.application"
ASGI_APPLICATION = "edu.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "quizzes.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked" (see
    # shared/reference/checked-facts.md, "Races").
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env_bool("DB_PREPARED_STATEMENTS", True):
    # PostgreSQL plans a statement again on every run unless it is prepared, and for most of
    # ours planning took longer than running (the study queue: 3.6 ms planned, 1.8 ms run).
    # Django turns psycopg's prepared statements off by default, for transaction-mode poolers;
    # these options bind parameters on the server and prepare a statement from its fifth run on
    # a connection (psycopg's default threshold): a studying student's request then waits on
    # the database about half as long (README, "Performance"). DB_PREPARED_STATEMENTS=0 turns
    # this off behind a pooler that cannot keep prepared statements (PgBouncer before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "quizzes.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the signed-in user read by a written-out statement (every request reads it).
    "quizzes.accounts.backends.UserBackend",
    # Only so that sessions signed in before UserBackend stay signed in: it never checks a password
    # (a failed check in UserBackend ends the login).
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The client's address (quizzes.accounts.addresses): behind N reverse proxies of our own,
# the N-th entry from the right of TRUSTED_PROXY_HEADER; with 0, REMOTE_ADDR and no header.
# Production runs behind one proxy (README); set 0 if gunicorn faces the internet itself.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0 if DEBUG else 1)
TRUSTED_PROXY_HEADER = os.getenv("TRUSTED_PROXY_HEADER", "HTTP_X_FORWARDED_FOR")

# Login throttling (django-axes): keyed on username + the client's address (a campus
# shares one address), with a cool-off so that a locked-out student can come back;
# quizzes.accounts.lockouts adds a per-address limit against password spraying.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_CLIENT_IP_CALLABLE = "quizzes.accounts.addresses.client_address"
AXES_HANDLER = "quizzes.accounts.lockouts.LoginHandler"

# Throttles (quizzes.accounts.throttles): (events allowed, window in seconds) per key,
# counted in the cache THROTTLE_CACHE (point CACHES at Redis to share it between servers).
THROTTLES = {
    "login-failures-per-address": (env_int("LOGIN_FAILURES_PER_ADDRESS", 50), 15 * 60),
    "password-resets-per-address": (env_int("PASSWORD_RESETS_PER_ADDRESS", 10), 60 * 60),
    "password-resets-per-account": (env_int("PASSWORD_RESETS_PER_ACCOUNT", 3), 60 * 60),
    "join-failures-per-user": (env_int("JOIN_FAILURES_PER_USER", 10), 60 * 60),
    "join-failures-per-address": (env_int("JOIN_FAILURES_PER_ADDRESS", 50), 60 * 60),
}
THROTTLE_CACHE = "default"

# The cache: local memory (one per process) unless REDIS_URL names a Redis database, which
# every worker and server then shares (Django's own Redis backend): the throttles above, and
# sessions, which are then read from the cache and written through to the database
# (cached_db), so a restarted or replaced Redis logs nobody out. Several app servers need it.
REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, one client per pool (edu/redis_cache.py: cheaper requests).
            "BACKEND": "edu.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.getenv("CACHE_KEY_PREFIX", "medquiz"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded images (items/images.py) go through Django's storage API: the file
# system under MEDIA_ROOT by default; an S3-compatible bucket (django-storages)
# when the app runs on several servers. The app streams every image through a
# role-checked view, so the bucket stays private (docs/images.md).
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
MEDIA_S3_BUCKET = os.getenv("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.getenv("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.getenv("MEDIA_S3_REGION") or None,
            "access_key": os.getenv("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.getenv("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "location": os.getenv("MEDIA_S3_PREFIX", "medquiz"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploaded articles and bundles are read in memory; refuse anything larger.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_ARTICLE_BYTES = 1024 * 1024  # an article's text (and a web page's or Word document's article as text)
MAX_ARTICLE_FILE_BYTES = 10 * 1024 * 1024  # a saved web page or Word document, with its markup and images
# Question banks (GIFT, Moodle XML with embedded images) and images in items.
MAX_QUESTION_FILE_BYTES = env_int("MAX_QUESTION_FILE_BYTES", 20 * 1024 * 1024)
MAX_IMAGE_BYTES = env_int("MAX_IMAGE_BYTES", 5 * 1024 * 1024)
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 24_000_000)
# Whole request bodies (quizzes.middleware.RequestBodyLimitMiddleware), refused with 413 before
# anything reads them: signed in (the largest upload, a question bank with its images, and the
# form around it) and anonymous (log-in, sign-up, password forms). Keep the proxy's limit
# (README) at least MAX_REQUEST_BYTES.
MAX_REQUEST_BYTES = env_int(
    "MAX_REQUEST_BYTES", max(MAX_QUESTION_FILE_BYTES, MAX_ARTICLE_FILE_BYTES, MAX_IMAGE_BYTES) + 1024 * 1024
)
MAX_ANONYMOUS_REQUEST_BYTES = env_int("MAX_ANONYMOUS_REQUEST_BYTES", 64 * 1024)

# Django 6.1 mailers: the console in development, SMTP (EMAIL_HOST...) in production.
MAILERS = {
    "default": {
        "BACKEND": os.getenv(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
if not DEBUG and MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.getenv("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": os.getenv("EMAIL_HOST_USER", ""),
        "password": os.getenv("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "noreply@localhost")

# Content Security Policy (Django 6): everything from our own origin, no
# inline scripts; an inline <script> block must carry the request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # Inline style attributes (Bootstrap progress bars) are allowed;
    # scripts are not.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Browser features the app never uses (quizzes.middleware.PrivatePagesMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "microphone=(), payment=(), usb=()"
)

# A signed-in session lasts SESSION_HOURS (a week by default), then the person logs in again.
SESSION_HOURS = env_int("SESSION_HOURS", 7 * 24)
if not 1 <= SESSION_HOURS <= 90 * 24:
    raise ImproperlyConfigured(f"SESSION_HOURS must be from 1 to 2160 (90 days), not {SESSION_HOURS}")
SESSION_COOKIE_AGE = SESSION_HOURS * 60 * 60

# Retention: `manage.py delete_inactive_accounts` deletes (anonymises) accounts not used for this
# many years (quizzes.accounts.privacy); 0 turns it off. Six years by default, a common
# retention period for assessment records; set your institution's.
ACCOUNT_RETENTION_YEARS = env_int("ACCOUNT_RETENTION_YEARS", 6)
if ACCOUNT_RETENTION_YEARS < 0:
    raise ImproperlyConfigured(
        f"ACCOUNT_RETENTION_YEARS must be 0 (off) or more, not {ACCOUNT_RETENTION_YEARS}"
    )
SESSION_COOKIE_HTTPONLY = True
# LTI: a session started by an LMS launch uses these cookies instead (SameSite=None;
# Secure over HTTPS, so that they reach MedQuiz inside the LMS's iframe); the site's
# own cookies stay SameSite=Lax. See README "LTI 1.3".
LTI_SESSION_COOKIE_NAME = "medquiz_lti_session"
LTI_CSRF_COOKIE_NAME = "medquiz_lti_csrftoken"
# Network calls to an LMS (its key set, access tokens, scores, roster) give up after this many seconds.
LTI_HTTP_TIMEOUT = env_int("LTI_HTTP_TIMEOUT", 10)
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

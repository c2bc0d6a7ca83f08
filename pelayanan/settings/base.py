"""Settings shared by every environment, read from the environment (12-factor).

Every variable has an embedded default that works on a fresh machine: SQLite when
DATABASE_URL is unset, Celery tasks run eagerly when no broker is configured,
e-mail printed to the console. docs/configuration.md lists them all.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Keys that encrypt personal data at rest (pelayanan/kripto.py): Fernet keys, comma-separated;
# the first encrypts, all decrypt (rotation: new key first, then `manage.py pii_rotasi`).
# The embedded key is for development and tests only; production refuses to start with it.
PII_KEY_DEV = "m9KC2He40492ayrG11Hj_PgQh7em0h8xY4zyQq3nwV0="
PII_KEYS = env.list("DJANGO_PII_KEY", default=[PII_KEY_DEV])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "pelayanan",
    "standar",
    "pengaduan",
    "evaluasi",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pelayanan.keamanan.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pelayanan.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A NUL in the URL: 400 before any view reads it (PostgreSQL refuses it in text).
    "pelayanan.middleware.TolakNulMiddleware",
    # Idle and absolute session expiry, then the second factor (see Security below).
    "pelayanan.middleware.BatasSesiMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pelayanan.middleware.DuaLangkahMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pelayanan.urls"
WSGI_APPLICATION = "pelayanan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pelayanan.context_processors.navigasi",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# SQLite file by default; DATABASE_URL=postgres://user:pass@host:5432/name for PostgreSQL
# (through psycopg2-binary).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # Redis down must not take the site down: a cache error is a miss (logged), and the
            # rate limits count in process memory meanwhile (pelayanan.ratelimit).
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages served whole from the cache to anonymous visitors (pelayanan/tembolok.py). On
# by default only with Redis: every process must see the same invalidation counters (a
# per-process memory cache would let one gunicorn worker serve a page another made stale).
TEMBOLOK_HALAMAN = env.bool("TEMBOLOK_HALAMAN", default=bool(REDIS_URL))
# The Pembina dashboards' figures kept in the cache (evaluasi.dasbor.dasbor_instansi_tersimpan),
# on the same condition: one cache shared by every process.
TEMBOLOK_DASBOR = env.bool("TEMBOLOK_DASBOR", default=bool(REDIS_URL))
# bench/web.py only: routes the trivial floor view /bench/lantai/ (never in normal production).
BENCH_FLOOR = env.bool("BENCH_FLOOR", default=False)

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "pelayanan.Pengguna"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "pelayanan:login"
LOGIN_REDIRECT_URL = "pelayanan:ruang_kerja"
LOGOUT_REDIRECT_URL = "pelayanan:beranda"
# How long an e-mail confirmation link stays valid (seconds).
EMAIL_CONFIRMATION_MAX_AGE = env.int("EMAIL_CONFIRMATION_MAX_AGE", default=3 * 24 * 3600)
# A session ends this many seconds after login however active (absolute lifetime) ...
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
# ... and after this many seconds without a request (pelayanan.middleware.BatasSesiMiddleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)

# --- Security (pelayanan/keamanan.py, docs/keamanan.md) --------------------------------
# Login lockout (django-axes): this many failed logins for one account from one address lock
# that pair for AXES_COOLOFF_MINUTES; a successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "pelayanan.keamanan.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (it holds the e-mail)
AXES_USERNAME_CALLABLE = "pelayanan.keamanan.axes_username"
AXES_CLIENT_IP_CALLABLE = "pelayanan.keamanan.axes_ip"
AXES_LOCKOUT_CALLABLE = "pelayanan.views.akun.terkunci"
AXES_DISABLE_ACCESS_LOG = True  # no log of every successful login (personal data); failures only
# Rate limits of the account pages (pelayanan.ratelimit, in the cache: Redis in production):
# login attempts per address per 15 minutes (a whole office may share one address), and
# registrations per address per hour.
AKUN_MASUK_BATAS = env.int("AKUN_MASUK_BATAS", default=60)
AKUN_DAFTAR_BATAS = env.int("AKUN_DAFTAR_BATAS", default=10)
# Two-factor login (django-otp, TOTP): available to every staff account, and required of
# Pembina and superusers when OTP_WAJIB is on (production default; dev.py turns it off).
OTP_WAJIB = env.bool("OTP_WAJIB", default=True)
OTP_TOTP_ISSUER = "Portal Standar Pelayanan"
# Content Security Policy (django-csp): scripts and styles only from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
USE_THOUSAND_SEPARATOR = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail -----------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Portal Standar Pelayanan <noreply@localhost>")

# --- Forms ------------------------------------------------------------------------------
# The whole-standard editor posts 14 components with item lists; 1,000 fields is too few.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 15_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB of form data (files are counted apart)
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Celery -----------------------------------------------------------------------------
# With no broker configured, tasks run eagerly in the web process (fresh-machine default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Must exceed the hard time limit, or Redis re-delivers a running task (celery#5935).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 3600}
CELERY_WORKER_MAX_TASKS_PER_CHILD = 100
# WeasyPrint does not give memory back promptly: recycle a worker child above this (KiB).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=600_000)
# Official PDFs render in their own queue ("make worker" consumes celery and pdf); so does the
# compilation of evaluation reports, which renders a PDF too (evaluasi/tasks.py).
CELERY_TASK_ROUTES = {
    "standar.tasks.dokumen_render": {"queue": "pdf"},
    "evaluasi.tasks.susun_laporan": {"queue": "pdf"},
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "konsultasi-tutup-putaran": {"task": "standar.tasks.konsultasi_tutup_putaran", "schedule": 600},
    "konsultasi-digest-harian": {
        "task": "standar.tasks.konsultasi_digest_harian",
        "schedule": crontab(hour=7, minute=0),
    },
    # Official PDFs left pending or failed are enqueued again (never silently lost).
    "dokumen-jadwalkan-ulang": {"task": "standar.tasks.dokumen_jadwalkan_ulang", "schedule": 900},
    # Tasks kept in the outbox while the broker was unreachable (pelayanan.antrean).
    "antrean-kirim-tertunda": {"task": "pelayanan.tasks.antrean_kirim_tertunda", "schedule": 60},
    # Complaints: lapse incomplete files, escalate missed deadlines, erase old identities.
    "pengaduan-harian": {"task": "pengaduan.tasks.pengaduan_harian", "schedule": crontab(hour=1, minute=30)},
    # Keep next year's cuti bersama in the calendar; editable afterwards in the admin.
    "kalender-impor-cuti-bersama": {
        "task": "pelayanan.tasks.kalender_impor_cuti_bersama",
        "schedule": 7 * 24 * 3600,
    },
    # Evaluation reports of the last finished month, quarter and year, for every instansi;
    # reports left queued or abandoned by a dead worker are enqueued again.
    "laporan-bulanan": {
        "task": "evaluasi.tasks.laporan_terjadwal",
        "schedule": crontab(day_of_month=1, hour=2, minute=0),
        "args": ("bulan",),
    },
    "laporan-triwulan": {
        "task": "evaluasi.tasks.laporan_terjadwal",
        "schedule": crontab(month_of_year="1,4,7,10", day_of_month=1, hour=3, minute=0),
        "args": ("triwulan",),
    },
    "laporan-tahunan": {
        "task": "evaluasi.tasks.laporan_terjadwal",
        "schedule": crontab(month_of_year=1, day_of_month=1, hour=4, minute=0),
        "args": ("tahun",),
    },
    "laporan-lanjutkan-tertunda": {"task": "evaluasi.tasks.laporan_lanjutkan_tertunda", "schedule": 900},
}

# --- Open-data API (api/, docs/api.md) -------------------------------------------------
# Read-only and anonymous: no authentication class, so no session, user or staff data ever
# reaches a response; every write method answers 405. Anonymous requests are throttled per IP.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HanyaBaca"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Halaman",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.PortalAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonimThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("API_THROTTLE_ANON", default="120/min")},
    "DEFAULT_VERSIONING_CLASS": None,
    "COERCE_DECIMAL_TO_STRING": False,
}
# The docs page (Swagger UI) is served from drf-spectacular-sidecar's static files: no CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": "API Data Terbuka Portal Standar Pelayanan Publik",
    "DESCRIPTION": (
        "Data terbuka portal (UU 25/2009 Pasal 23): instansi, unit penyelenggara dan profilnya, layanan, "
        "standar pelayanan yang terbit beserta seluruh versinya (14 komponen bertipe), maklumat pelayanan, "
        "dan hasil konsultasi publik yang sudah ditutup. Rancangan, identitas warga, dan akun petugas "
        "tidak pernah tampil.\n\n"
        "- **Hanya baca, tanpa akun**; dibatasi per alamat (bawaan 120 permintaan per menit, lalu 429).\n"
        "- **Halaman**: `page` dan `page_size` (paling banyak 100).\n"
        "- **Saringan**: per instansi, unit, layanan, dan tanggal (`..._dari`, `..._sampai`, YYYY-MM-DD).\n"
        "- **Tautan tetap**: setiap sumber daya punya `id` tetap, `url` (API), dan `url_halaman` "
        "(halaman publik).\n"
        "- **Cache**: `ETag` dan `Cache-Control: public, max-age=300`; kirim `If-None-Match` untuk 304.\n"
        "- **Unduhan**: katalog CSV/XLSX di `/unduh/katalog.csv` dan `/unduh/katalog.xlsx`.\n\n"
        "[Kembali ke portal](/) · Skema OpenAPI: [/api/v1/schema/](/api/v1/schema/)"
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": True,
        "validatorUrl": None,
        "supportedSubmitMethods": ["get"],
        "defaultModelsExpandDepth": 0,
    },
    "ENUM_NAME_OVERRIDES": {
        "StatusVersiEnum": "standar.choices.StatusVersi",
        "StatusMaklumatEnum": "standar.choices.StatusMaklumat",
        "JenisInstansiEnum": "pelayanan.choices.JenisInstansi",
        "KanalPengaduanEnum": "pelayanan.choices.KanalPengaduan",
        "KategoriPemangkuEnum": "standar.models.konsultasi.KategoriPemangku",
        "KeputusanEnum": "standar.models.konsultasi.Keputusan",
    },
}

# --- Complaints (pengaduan) -------------------------------------------------------------
# The statutory deadlines of UU 25/2009 are constants in pengaduan/tenggat.py; these are the
# portal's own rules and unconfirmed facts, adjustable per deployment.
# Attachments: a folder under MEDIA_ROOT with no public URL (served by a checked view).
PENGADUAN_LAMPIRAN_DIR = env("PENGADUAN_LAMPIRAN_DIR", default="privat")
# Days after the decision (or its notification) in which the complainant may reopen.
PENGADUAN_BUKA_KEMBALI_HARI = env.int("PENGADUAN_BUKA_KEMBALI_HARI", default=14)
# Days after a missed deadline before it is escalated on to the Pembina.
PENGADUAN_ESKALASI_PEMBINA_HARI = env.int("PENGADUAN_ESKALASI_PEMBINA_HARI", default=7)
# A deadline this close counts as due soon on the staff pages.
PENGADUAN_HAMPIR_JATUH_TEMPO_HARI = env.int("PENGADUAN_HAMPIR_JATUH_TEMPO_HARI", default=3)
# The complainant's identity is erased this many days after the complaint was closed
# (UU 27/2022 Pasal 16(2), 43; the period follows the agency's Jadwal Retensi Arsip [U]).
PENGADUAN_RETENSI_IDENTITAS_HARI = env.int("PENGADUAN_RETENSI_IDENTITAS_HARI", default=5 * 365)
# Lookups of tracking codes not yet opened in the visitor's session, per address and hour
# (counted before the lookup, so a guess costs the same whether it is right or wrong).
PENGADUAN_LACAK_BATAS = env.int("PENGADUAN_LACAK_BATAS", default=20)
# Complaints filed per address per hour.
PENGADUAN_AJUKAN_BATAS = env.int("PENGADUAN_AJUKAN_BATAS", default=10)

# --- Logging ----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# --- SKM (PermenPANRB 14/2017) ----------------------------------------------------------
# IKM weights: "1/9" exactly (all-4 answers give 100.00) or "0.111" as in the Permen's
# worked text, for comparison with paper reports (docs/ikm.md).
SKM_BOBOT = env("SKM_BOBOT", default="1/9")

# --- Compliance index (evaluasi.kepatuhan) -----------------------------------------------
# Distinct stakeholder categories a consultation round must reach before the decree for the
# "konsultasi_pemangku" rule (PP 96/2012 Pasal 23; the number itself is a policy choice).
KEPATUHAN_MIN_KATEGORI = env.int("KEPATUHAN_MIN_KATEGORI", default=3)

# --- Evaluation reports (evaluasi.kompilasi) ---------------------------------------------
# A report still "running" after this many seconds belongs to a dead worker and is taken
# over by the next attempt (keep it above the compile task's hard time limit, 840 s).
LAPORAN_BASI_DETIK = env.int("LAPORAN_BASI_DETIK", default=900)

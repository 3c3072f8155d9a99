from motcua.env import env

LOG_LEVEL = env.choice("LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR"], default="INFO")
LOG_FORMAT = env.choice("LOG_FORMAT", ["json", "text"], default="json")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "motcua.core.logging.MaskPersonalDataFilter"}},
    "formatters": {
        "json": {"()": "motcua.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["mask_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING" if LOG_LEVEL == "INFO" else LOG_LEVEL},
        # PDF rendering logs ~100 lines per slip at INFO (font subsetting): keep them quiet.
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        # pyHanko logs a traceback for every tampered or revoked upload on /xac-thuc/.
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
    },
}

"""Gunicorn as it runs behind nginx on the server (see docs/deploy.md). Every value can be overridden with the
usual GUNICORN_CMD_ARGS or command-line flags; the environment variables below are the ones worth changing."""

import multiprocessing
import os

from spbe_portal.gunicorn_hooks import post_worker_init  # noqa: F401 (a server hook gunicorn reads by its name)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# The classic (2 × cores) + 1 for sync workers: pages wait on PostgreSQL, not on the CPU.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A worker that takes longer than this is killed and replaced; the slowest page (a full XLSX export) needs seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# nginx keeps connections to us open between requests; slightly above nginx's own upstream keepalive.
keepalive = 5
# A slow memory leak in any library cannot grow forever: each worker is replaced after about this many requests.
max_requests = 1000
max_requests_jitter = 100

# Request lines as long as nginx lets through (large_client_header_buffers 4 8k: up to 8190 bytes and CRLF), so
# that the portal answers them with its own pages; gunicorn's default, 4094, answered longer ones with a bare
# English "Bad Request". Longer lines nginx refuses itself, with the portal's 400 page (docs/deploy.md, section 7).
limit_request_line = 8190

# nginx on the same machine sets X-Forwarded-For/-Proto; only it is trusted to.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to stdout/stderr as JSON lines; systemd's journal keeps them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The human-readable line; the JSON formatter also takes each atom as its own field.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "spbe_portal.json_logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}

# No preload_app: `systemctl reload` (HUP) then starts workers on the new code after an upgrade.

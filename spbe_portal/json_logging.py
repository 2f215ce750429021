"""One JSON object per line on stdout: what journald, Loki or a plain `grep` on a server can read without a parser
for each program's own format. Used by the production settings and by gunicorn.conf.py."""

import json
import logging
from datetime import UTC, datetime

# Gunicorn hands its access-log atoms to the logger as the record's args; these are the ones worth a field.
ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "f": "referer",
    "a": "user_agent",
    "{x-forwarded-for}i": "forwarded_for",
}

# Attributes every LogRecord has; anything else was passed through `extra=` and belongs in the output.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            for atom, field in ACCESS_FIELDS.items():
                value = record.args.get(atom)
                if value not in (None, "-", ""):
                    entry[field] = _number_or_text(value)
        else:
            entry["message"] = record.getMessage()
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and key not in entry:
                entry[key] = _plain(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _number_or_text(value):
    text = str(value)
    # ASCII only: str.isdigit() accepts "²", which int() refuses.
    return int(text) if text.isascii() and text.isdigit() else text


def _plain(value):
    """Django attaches the request object to its log records; a log line needs only what identifies it."""
    if hasattr(value, "method") and hasattr(value, "get_full_path"):
        return f"{value.method} {value.get_full_path()}"
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)

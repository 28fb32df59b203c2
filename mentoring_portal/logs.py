"""Log records for a journal or a log collector: one record, one line.

systemd's journal, Docker and every collector (Loki, Vector, Elasticsearch) split their input at
line ends, so a traceback printed over twenty lines becomes twenty records. Here a record is one
line of ``key=value`` pairs (logfmt; values with spaces are quoted, and a traceback's line ends are
written as ``\\n``), or one JSON object with ``DJANGO_LOG_FORMAT=json``:

    time=2026-12-04T18:07:07.512Z level=ERROR logger=django.request method=GET path=/roadmap/
    status=500 message="Internal Server Error: /roadmap/" traceback="Traceback (most recent …"

(one line). Only the path of a request is written, never its query string: search fields hold names.
"""

import json
import logging
import time


class OneLineFormatter(logging.Formatter):
    # In UTC, whatever the process's time zone (Django sets TZ in the web worker, not in
    # gunicorn's master): one clock for every line.
    converter = time.gmtime

    def __init__(self, *args, output: str = "logfmt", **kwargs):
        super().__init__(*args, **kwargs)
        if output not in {"logfmt", "json"}:
            raise ValueError(f"DJANGO_LOG_FORMAT={output!r} is not one of: logfmt, json.")
        self.output = output

    def fields(self, record: logging.LogRecord) -> dict:
        fields = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
        }
        request = getattr(record, "request", None)
        if hasattr(request, "path"):  # django.request, django.security.*: the failing request
            fields["method"] = request.method
            fields["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            fields["status"] = status
        fields["message"] = record.getMessage()
        if record.exc_info:
            fields["traceback"] = self.formatException(record.exc_info)
        if record.stack_info:
            fields["stack"] = self.formatStack(record.stack_info)
        return fields

    def format(self, record: logging.LogRecord) -> str:
        fields = self.fields(record)
        if self.output == "json":
            return json.dumps(fields, ensure_ascii=False, default=str)
        return " ".join(f"{key}={_logfmt_value(value)}" for key, value in fields.items())


def _logfmt_value(value) -> str:
    text = str(value)
    if text and not any(char in text for char in ' ="\\\n\r\t'):
        return text
    return json.dumps(text, ensure_ascii=False)

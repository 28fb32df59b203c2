"""The secret key of a server nobody configured: made once, in a file only its owner reads.

    python -m mentoring_portal.secret_key var/secret_key

creates the file (mode 600) with a new random key unless it exists, and leaves an existing one
as it is, so sessions, password-reset links and signed values survive a restart. bin/start and
the units in deploy/ run it before the server; the settings read the file DJANGO_SECRET_KEY_FILE
names (mentoring_portal.env.env_secret_key). Imports nothing of Django: it runs before the
settings can load.
"""

import os
import secrets
import sys


def ensure_secret_key(path: str) -> bool:
    """Create ``path`` with a new key (mode 600) unless it exists; True when it was created.

    Two processes starting together (the web server and the worker) cannot both write it: the
    file is created with O_EXCL, and the one that loses the race keeps the other's key."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(secrets.token_urlsafe(64) + "\n")
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m mentoring_portal.secret_key PATH", file=sys.stderr)
        return 2
    if ensure_secret_key(argv[0]):
        print(f"Создан секретный ключ портала: {argv[0]} (права 600)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""deploy/ as a test runs it: the systemd units' own command lines and environment, and the nginx
site with its paths and ports moved into the test's directory.

A unit is read the way systemd reads it (sections, repeated keys kept in order); its paths under
/srv/nastavnik are moved to the checkout (and /srv/nastavnik/var to the test's directory), so the
test starts exactly the command line an administrator's server starts.
"""

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from tests.production import ROOT

DEPLOY = ROOT / "deploy"
INSTALLED_AT = "/srv/nastavnik"


def read_unit(name: str) -> dict[str, list[tuple[str, str]]]:
    """{section: [(key, value), …]} of deploy/<name>, with comments and blank lines dropped."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, _, value = line.partition("=")
        assert current is not None, f"{name}: {line!r} outside a section"
        current.append((key.strip(), value.strip()))
    return sections


def values(unit: dict, section: str, key: str) -> list[str]:
    return [value for name, value in unit.get(section, []) if name == key]


def moved(text: str, var_dir: Path) -> str:
    """A path of the installed portal, in the checkout and the test's var directory."""
    return text.replace(f"{INSTALLED_AT}/var", str(var_dir)).replace(INSTALLED_AT, str(ROOT))


def unit_environment(unit: dict, var_dir: Path, **overrides) -> dict:
    """The service's environment: the test run's own minus every DJANGO_* variable, then the
    unit's Environment= lines, then ``overrides`` (what /etc/nastavnik/nastavnik.env would set)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_")
        and name not in {"DATABASE_URL", "PORTAL_ADDRESS", "WEB_CONCURRENCY"}
    }
    for line in values(unit, "Service", "Environment"):
        for assignment in shlex.split(line):
            name, _, value = assignment.partition("=")
            env[name] = moved(value, var_dir)
    env.update(overrides)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def commands(unit: dict, key: str, var_dir: Path) -> list[list[str]]:
    """The unit's ExecStartPre= / ExecStart= command lines, as argument lists."""
    result = []
    for line in values(unit, "Service", key):
        line = line.lstrip("-@:+!")  # systemd's prefixes (ignore failure, …): none is used here
        result.append([moved(argument, var_dir) for argument in shlex.split(line)])
    return result


def working_directory(unit: dict, var_dir: Path) -> Path:
    (directory,) = values(unit, "Service", "WorkingDirectory")
    return Path(moved(directory, var_dir))


def run_pre_commands(unit: dict, env: dict, var_dir: Path) -> None:
    for command in commands(unit, "ExecStartPre", var_dir):
        subprocess.run(  # nosec B603 - the unit's own command lines
            command,
            cwd=working_directory(unit, var_dir),
            env=env,
            check=True,
            capture_output=True,
        )


def nginx_site(
    *,
    static_root: Path,
    upstream_port: int,
    https_port: int,
    http_socket: Path,
    certificate: Path,
    key: Path,
) -> str:
    """deploy/nginx-nastavnik.conf with the test's static files, ports and certificate."""
    site = (DEPLOY / "nginx-nastavnik.conf").read_text(encoding="utf-8")
    site = site.replace(f"{INSTALLED_AT}/var/staticfiles/", f"{static_root}/")
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
    site = site.replace("/etc/ssl/nastavnik/fullchain.pem", str(certificate))
    site = site.replace("/etc/ssl/nastavnik/privkey.pem", str(key))
    site = re.sub(r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", site)
    site = re.sub(r"listen 80;", f"listen unix:{http_socket};", site)
    site = re.sub(r"\s*listen \[::\]:\d+[^;]*;", "", site)
    return site


def nginx_main_config(directory: Path, site: Path) -> Path:
    """A whole nginx.conf around the site, with every file nginx writes inside ``directory``."""
    config = directory / "nginx.conf"
    temp = directory / "temp"
    temp.mkdir(exist_ok=True)
    config.write_text(
        f"""daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log notice;
user root;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {directory}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
""",
        encoding="utf-8",
    )
    return config


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    certificate, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(  # nosec B603 B607 - openssl with fixed arguments
        [
            shutil.which("openssl"),
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key

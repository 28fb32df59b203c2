"""A real SMTP server for tests: aiosmtpd's Controller on 127.0.0.1.

aiosmtpd imports ``public`` — the module of its dependency atpublic — and the portal has an app
named ``public`` that comes first on the path. So atpublic is loaded from its own file under that
name just while aiosmtpd is imported, and the portal's app is put back at once (aiosmtpd keeps
the decorator it took; nothing imports ``public`` from aiosmtpd again).
"""

import importlib.util
import socket
import sys
from importlib import metadata


def controller_class():
    if "aiosmtpd.controller" in sys.modules:
        return sys.modules["aiosmtpd.controller"].Controller
    path = metadata.distribution("atpublic").locate_file("public/__init__.py")
    spec = importlib.util.spec_from_file_location(
        "public", path, submodule_search_locations=[str(path.parent)]
    )
    atpublic = importlib.util.module_from_spec(spec)
    portal_public = sys.modules.get("public")
    sys.modules["public"] = atpublic
    try:
        spec.loader.exec_module(atpublic)
        from aiosmtpd.controller import Controller
    finally:
        if portal_public is not None:
            sys.modules["public"] = portal_public
        else:
            del sys.modules["public"]
    return Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

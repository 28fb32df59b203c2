"""The main menu, assembled from what each app registers for each role.

Apps register their items in ``AppConfig.ready()``; the portal itself imports no app.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=256)
def _reversed(url_name: str, prefix: str, urlconf: str) -> str:
    """The menu's URLs never change while the process runs: reversed once each, not once a
    page (the URLconf and the script prefix are the key, for tests that override them)."""
    return reverse(url_name, urlconf=urlconf)


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 100
    # Personal pages («Мои …») live in the user's menu, not in the main bar.
    personal: bool = False

    @property
    def url(self) -> str:
        return _reversed(self.url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


_registry: dict[str, MenuItem] = {}


def register(label: str, url_name: str, *, roles, order: int = 100, personal: bool = False) -> None:
    _registry[url_name] = MenuItem(label, url_name, frozenset(roles), order, personal)


def menu_for(roles) -> list[MenuItem]:
    return sorted(
        (item for item in _registry.values() if not item.roles.isdisjoint(roles)),
        key=lambda item: (item.order, item.label),
    )

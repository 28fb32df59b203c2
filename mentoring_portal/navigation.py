"""The main menu, assembled from what each app registers for each role.

Apps register their items in ``AppConfig.ready()``; the portal itself imports no app.
"""

from dataclasses import dataclass

from django.urls import reverse


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
        return reverse(self.url_name)


_registry: dict[str, MenuItem] = {}


def register(label: str, url_name: str, *, roles, order: int = 100, personal: bool = False) -> None:
    _registry[url_name] = MenuItem(label, url_name, frozenset(roles), order, personal)


def menu_for(roles) -> list[MenuItem]:
    return sorted(
        (item for item in _registry.values() if not item.roles.isdisjoint(roles)),
        key=lambda item: (item.order, item.label),
    )

"""The home page («Главная»): panels that apps register for the roles they concern.

A panel is a template and a function that builds its context from the request; returning None
hides the panel (nothing to show this user today).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    template: str
    roles: frozenset[str]
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


_panels: list[Panel] = []


def register(template: str, *, roles, order: int = 100):
    """Decorator for a panel's context function."""

    def decorator(function):
        _panels.append(Panel(template, frozenset(roles), function, order))
        return function

    return decorator


def panels_for(request: HttpRequest) -> list[tuple[str, dict]]:
    shown = []
    for panel in sorted(_panels, key=lambda p: p.order):
        if panel.roles.isdisjoint(request.access.roles):
            continue
        context = panel.context(request)
        if context is not None:
            shown.append((panel.template, context))
    return shown

"""Demo data, assembled from each app's ``demo.py``.

An app registers a step with ``@demo_step(order=…)``; ``manage.py load_demo`` discovers the apps'
``demo`` modules and runs every step in order inside one transaction, passing a shared
:class:`DemoContext` so that later steps find the schools and people the earlier ones made.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


@dataclass
class DemoContext:
    password: str
    # Filled by the steps: schools by key ("main", "second", "department"), people by login, …
    objects: dict = field(default_factory=dict)
    # (login, role description, organisation) for the closing printout.
    accounts: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DemoStep:
    order: int
    function: Callable[[DemoContext], None]


_steps: list[DemoStep] = []


def demo_step(order: int):
    def decorator(function):
        _steps.append(DemoStep(order, function))
        return function

    return decorator


def demo_steps() -> list[DemoStep]:
    autodiscover_modules("demo")
    return sorted(_steps, key=lambda step: step.order)

"""The permission matrix's vocabulary: each app lists its URLs' access rules in
``<app>/tests/access_cases.py`` as ``CASES = [AccessCase(...), ...]``.

For every case the matrix checks each persona of ``conftest.PERSONAS`` and an anonymous visitor:
- anonymous: redirected to the login page (unless the page is public);
- a persona in ``allowed``: served (2xx or a redirect);
- any other persona of the school: 403;
- the outsider (curator and director of another school): 404 when the URL names a record of the
  main school (``scoped``), otherwise treated like the other school's curator and director;
- a personal record (``owner``): served to its owner, 404 for every other persona.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ALL_SCHOOL_PERSONAS = frozenset(
    {"director", "curator", "working_group", "teacher", "mentor", "mentee", "coordinator"}
)


@dataclass(frozen=True)
class AccessCase:
    url_name: str
    allowed: frozenset[str] = field(default_factory=frozenset)
    # Builds the URL's kwargs from the test world (creating the record it names, if needed).
    kwargs: Callable | None = None
    method: str = "get"
    # Builds POST data from the world and the kwargs.
    data: Callable | None = None
    # The URL (or its POST data) names a record of the main school: the outsider gets a 404.
    scoped: bool | None = None
    # Served to everybody, anonymous included (login, password reset).
    public: bool = False
    # A personal record (a notification): served to this persona only, 404 for everyone else.
    owner: str | None = None

    @property
    def is_scoped(self) -> bool:
        return self.kwargs is not None if self.scoped is None else self.scoped

    def __str__(self):
        return f"{self.method.upper()} {self.url_name}"


def case(url_name: str, allowed, **options) -> AccessCase:
    return AccessCase(url_name, frozenset(allowed), **options)

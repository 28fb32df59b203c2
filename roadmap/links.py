"""The links of the roadmap table's rows, reversed once per page.

A table of 200 activities has five links a row and five a stage: reversing each one costs more than
the rest of the row. Each URL is reversed once with a placeholder pk, and a row puts its own pk in.
"""

from django.urls import reverse

_PLACEHOLDER = "2147483647"  # a pk no row has (the largest integer key)

_ACTIVITY = {
    "detail": ("roadmap:activity_detail",),
    "edit": ("roadmap:activity_edit",),
    "up": ("roadmap:activity_move", "up"),
    "down": ("roadmap:activity_move", "down"),
    "delete": ("roadmap:activity_delete",),
}
_STAGE = {
    "edit": ("roadmap:stage_edit",),
    "up": ("roadmap:stage_move", "up"),
    "down": ("roadmap:stage_move", "down"),
    "delete": ("roadmap:stage_delete",),
    "add_activity": ("roadmap:activity_add",),
}


def _pattern(name: str, *args: str) -> tuple[str, str]:
    head, tail = reverse(name, args=(_PLACEHOLDER, *args)).split(_PLACEHOLDER)
    return head, tail


def _links(patterns: dict, pk: int) -> dict[str, str]:
    return {key: f"{head}{pk}{tail}" for key, (head, tail) in patterns.items()}


def attach_links(table) -> None:
    """Give every stage row and activity row of ``roadmap_table()`` its ``links``."""
    activity = {key: _pattern(*spec) for key, spec in _ACTIVITY.items()}
    stage = {key: _pattern(*spec) for key, spec in _STAGE.items()}
    for stage_row in table:
        stage_row.links = _links(stage, stage_row.stage.pk)
        for row in stage_row.activities:
            row.links = _links(activity, row.activity.pk)


def attach_row_links(row) -> None:
    """The links of one activity row (the inline editor's answer)."""
    row.links = _links({key: _pattern(*spec) for key, spec in _ACTIVITY.items()}, row.activity.pk)


def activity_link_pattern() -> tuple[str, str]:
    """The activity page's URL around its pk: ``f"{head}{pk}{tail}"`` (for code that links
    thousands of activities, such as the daily reminders)."""
    return _pattern("roadmap:activity_detail")

"""The one exception of the import: what was wrong with the file, in Russian, for the user."""

from mentoring_portal.errors import ServiceError


class RoadmapImportError(ServiceError):
    """The file cannot be read as a roadmap; ``error.message`` is a sentence for the curator.

    A portal refusal like any other; its own class because the import form and the command
    catch exactly this (any other exception while reading is wrapped into it)."""

    default_code = "invalid"

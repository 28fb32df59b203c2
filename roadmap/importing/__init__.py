"""Import of an existing roadmap (Word, Excel, text or HTML table) — pure Python, no Django.

    imported = read_roadmap(data, "карта.docx")   # ImportedRoadmap, or RoadmapImportError

The readers (:mod:`.readers`) turn a file into rows of cells plus the text around the table;
the normaliser (:mod:`.normalise`) finds the columns by their headers, the stages, the
activities inside cells, the preamble (title, period, approval) and the responsible people.
"""

from datetime import date

from roadmap.importing.errors import RoadmapImportError
from roadmap.importing.normalise import normalise
from roadmap.importing.readers import MAX_BYTES, SUPPORTED, read_document
from roadmap.importing.result import Approval, ImportedActivity, ImportedRoadmap, ImportedStage

__all__ = [
    "MAX_BYTES",
    "SUPPORTED",
    "Approval",
    "ImportedActivity",
    "ImportedRoadmap",
    "ImportedStage",
    "RoadmapImportError",
    "read_roadmap",
]


def read_roadmap(
    data: bytes,
    filename: str,
    *,
    today: date | None = None,
    progress=None,
    timeout: float | None = None,
) -> ImportedRoadmap:
    """Read a roadmap file; any problem with the file is a :class:`RoadmapImportError`.
    ``progress(done, total)`` hears of the pages of a long PDF as they are read; ``timeout``
    (seconds) replaces the web request's limit on parsing a PDF (the command allows more)."""
    try:
        document = read_document(data, filename, progress=progress, timeout=timeout)
        return normalise(document, today=today)
    except RoadmapImportError:
        raise
    except RecursionError as error:
        raise RoadmapImportError(
            "Файл слишком сложно устроен для чтения.", code="damaged"
        ) from error

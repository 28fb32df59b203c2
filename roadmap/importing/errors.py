"""The one exception of the import: what was wrong with the file, in Russian, for the user."""


class RoadmapImportError(ImportError):
    """The file cannot be read as a roadmap; ``str(error)`` is a sentence for the curator."""

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return self.message

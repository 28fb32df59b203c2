"""An old Word file (.doc) → .docx through LibreOffice headless, then read as any .docx.

Measured on the seeds saved as .doc by LibreOffice: about 2 s per file with a fresh profile
(antiword and catdoc print text and lose the table's cells, so they cannot feed the reader).
Each conversion gets its own temporary directory and LibreOffice profile, so two uploads at
once never share a profile (a shared one makes the second soffice wait or fail), and runs in
its own process group, killed whole when it passes :data:`TIMEOUT`.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from roadmap.importing.errors import RoadmapImportError

TIMEOUT = 25  # seconds (the web worker's budget is 30)
NO_CONVERTER = (
    "Файлы Word старого формата (.doc) на этом сервере не читаются: не установлен LibreOffice. "
    "Администратору: выполните bin/setup или apt-get install libreoffice-writer-nogui. "
    "Или откройте файл в Word и сохраните как .docx, затем загрузите снова."
)


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_to_docx(data: bytes) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise RoadmapImportError(NO_CONVERTER, code="no_converter")
    with tempfile.TemporaryDirectory(prefix="roadmap-doc-") as folder:
        folder_path = Path(folder)
        source = folder_path / "roadmap.doc"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder_path),
            str(source),
        ]
        process = subprocess.Popen(  # noqa: S603 - a fixed command on our own temp file
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            cwd=folder,
        )
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise RoadmapImportError(
                "Файл .doc не удалось преобразовать за отведённое время. Откройте его в Word и "
                "сохраните как .docx, затем загрузите снова.",
                code="timeout",
            ) from error
        result = folder_path / "roadmap.docx"
        if not result.exists() or result.stat().st_size == 0:
            raise RoadmapImportError(
                "Файл .doc повреждён или защищён паролем: LibreOffice не смог его открыть. "
                "Откройте его в Word и сохраните как .docx, затем загрузите снова.",
                code="damaged",
            )
        return result.read_bytes()

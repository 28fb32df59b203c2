"""Make the converted fixtures from the seeds: ``python -m roadmap.tests.fixtures_import.convert``.

seed → .docx (builders.seed_docx, ruled as a school prints it) → .pdf (LibreOffice) →
``pdftotext -layout``; .docx → .odt → .doc (LibreOffice writes a .doc straight from this .docx
without its table, through .odt it keeps it). The results are committed in ``converted/`` so
the tests need no converter; one test converts for real (test_import_pdf_doc.py).
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from roadmap.tests.fixtures_import.builders import seed_docx
from roadmap.tests.fixtures_import.quality import CONVERTED, SEEDS


def soffice(source: Path, target: str, folder: Path) -> Path:
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder / f"{source.stem}.{target.split(':')[0]}"


def docx_to(data: bytes, target: str) -> bytes:
    """A .docx converted by LibreOffice to ``pdf`` or ``doc``."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "roadmap.docx"
        source.write_bytes(data)
        if target == "doc":
            source = soffice(source, "odt", folder)
            return soffice(source, "doc:MS Word 97", folder).read_bytes()
        return soffice(source, target, folder).read_bytes()


def main() -> None:
    CONVERTED.mkdir(exist_ok=True)
    for prefix in SEEDS:
        docx = seed_docx(prefix, ruled=True)
        pdf = docx_to(docx, "pdf")
        (CONVERTED / f"{prefix}.pdf").write_bytes(pdf)
        (CONVERTED / f"{prefix}.doc").write_bytes(docx_to(docx, "doc"))
        layout = subprocess.run(
            [
                shutil.which("pdftotext") or "pdftotext",
                "-layout",
                str(CONVERTED / f"{prefix}.pdf"),
                "-",
            ],
            check=True,
            capture_output=True,
        ).stdout
        (CONVERTED / f"{prefix}.layout.txt").write_bytes(layout)
        print(prefix, len(pdf), "bytes of PDF")


if __name__ == "__main__":
    main()

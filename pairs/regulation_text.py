"""The portal's standard Положение о системе наставничества: the first draft of every school's.

Written after the target model of mentoring of pupils (распоряжение Минпросвещения России от
25.12.2019 № Р-145) and the recommendations on mentoring of teachers (письмо Минпросвещения
России от 21.12.2021 № АЗ-1128/08), in the sections schools publish
(``texts/regulation_standard.txt``).
``{full}`` there is the school's full name as written, in quotes after «образовательной
организации» so that no case is needed. The curator edits the school's copy; the standard text
is never changed under it.
"""

from pathlib import Path

TITLE = "Положение о системе наставничества"

TEXT_FILE = Path(__file__).parent / "texts" / "regulation_standard.txt"


def standard_text(organisation) -> tuple[str, str]:
    """The title and the text of a school's first draft."""
    text = TEXT_FILE.read_text(encoding="utf-8")
    return TITLE, text.format(full=organisation.full_name)

"""Office files (.xlsx, .docx) are zip archives: check what one would unpack to before any
library parses it.

A zip bomb is small on upload and enormous once unpacked: a 153 KB staff list held a worker for
79 s, a 44 KB roadmap added 500 MB to the process. openpyxl and python-docx read members through
:mod:`zipfile`, which never yields more than a member's declared size, so checking the declared
sizes in the central directory (no member is decompressed here) bounds what parsing can cost.
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
# Office XML compresses well (10–30 times is usual); a member far beyond that is padding.
MAX_RATIO = 150
# Small members may compress a lot without harm (an empty sheet, styles).
RATIO_FREE_BYTES = 1024 * 1024


def check_office_archive(source, *, max_total_bytes: int = MAX_TOTAL_BYTES) -> None:
    """Refuse, with a Russian :class:`ValidationError`, an archive whose members are too many,
    too large in total or one by one, or compressed beyond what an office document does.

    ``source`` is the file's bytes or a binary file object (read from its start, then rewound).
    A file that is not a zip at all is left to the caller's own message.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        source = io.BytesIO(bytes(source))
    position = source.tell() if hasattr(source, "tell") else 0
    try:
        source.seek(0)
        try:
            with zipfile.ZipFile(source) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
            return
    finally:
        source.seek(position)
    if len(members) > MAX_MEMBERS:
        raise ValidationError(
            "Файл отклонён: в нём %(count)s вложенных частей, а в документе Office их не бывает "
            "больше %(limit)s. Сохраните документ заново в Word или Excel.",
            code="archive_members",
            params={"count": len(members), "limit": MAX_MEMBERS},
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FREE_BYTES and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ValidationError(
                "Файл отклонён: после распаковки он вырос бы в %(ratio)s раз (до %(size)s). "
                "Так сжимаются не документы, а «zip-бомбы». Сохраните документ заново "
                "в Word или Excel.",
                code="archive_ratio",
                params={
                    "ratio": member.file_size // max(member.compress_size, 1),
                    "size": filesizeformat(member.file_size),
                },
            )
        if member.file_size > MAX_MEMBER_BYTES:
            raise _too_big(member.file_size, MAX_MEMBER_BYTES)
    if total > max_total_bytes:
        raise _too_big(total, max_total_bytes)


def _too_big(size: int, limit: int) -> ValidationError:
    return ValidationError(
        "Файл отклонён: после распаковки он занял бы %(size)s, а допускается не больше "
        "%(limit)s. Разделите документ на части или удалите из него лишнее (картинки, "
        "пустые листы).",
        code="archive_size",
        params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
    )

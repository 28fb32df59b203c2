"""Real, small PDF files standing in for scanned paper consents in the demo data (a byte string
starting with ``%PDF-`` opened in no viewer). One rendering per kind of document, reused."""

from functools import cache

TEXTS = {
    "Согласие на обработку персональных данных": (
        "даю согласие образовательной организации на обработку моих персональных данных "
        "(персональных данных моего ребёнка) в целях реализации программы наставничества, "
        "в соответствии со ст. 9 Федерального закона от 27.07.2006 № 152-ФЗ."
    ),
    "Согласие на распространение персональных данных": (
        "даю согласие образовательной организации на распространение моих фамилии, имени, "
        "отчества, должности (класса моего ребёнка) в разделе «Наставничество» её сайта, "
        "в соответствии со ст. 10.1 Федерального закона от 27.07.2006 № 152-ФЗ."
    ),
    "Согласие на возложение дополнительных обязанностей": (
        "выражаю согласие на выполнение обязанностей наставника в дополнение к работе, "
        "определённой трудовым договором, на условиях дополнительного соглашения "
        "(ст. 351.8 Трудового кодекса Российской Федерации)."
    ),
}


@cache
def demo_scan_pdf(heading: str) -> bytes:
    """A one-page A4 PDF that looks like a scanned signed form with ``heading`` on it."""
    from mentoring_portal.documents import render_pdf

    return render_pdf("documents/demo_scan.html", {"heading": heading, "text": TEXTS[heading]})

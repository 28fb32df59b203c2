"""The blank forms a school puts on its site: the consent, the request for a mentor, the mentor
questionnaire and the personalised program (ППН) — built from the portal's own consent text and
forms, so the paper asks what the portal asks."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from participants.documents import consent_document_context, publication_document_context
from participants.forms import MenteeRequestForm, MentorProfileForm
from participants.models import ConsentText, Organisation


@dataclass(frozen=True)
class Blank:
    name: str
    title: str


BLANKS = [
    Blank("consent", "Согласие на обработку персональных данных"),
    Blank("publication", "Согласие на распространение персональных данных (ст. 10.1 152-ФЗ)"),
    Blank("request", "Запрос наставляемого (анкета)"),
    Blank("questionnaire", "Анкета наставника"),
    Blank("program", "Персонализированная программа наставничества (шаблон)"),
]
BLANK_NAMES = {blank.name: blank for blank in BLANKS}


def form_questions(form) -> list[dict]:
    """Each field of a portal form as a printed question: its label, the choices to tick
    (none for a free answer) and the lines left for writing."""
    questions = []
    for name, field in form.fields.items():
        choices = [
            label for value, label in getattr(field, "choices", []) if value not in ("", None)
        ]
        widget = field.widget.__class__.__name__
        lines = 3 if widget == "Textarea" else 1
        questions.append({"name": name, "label": field.label, "choices": choices, "lines": lines})
    return questions


def blank_html(name: str, organisation: Organisation) -> str | None:
    """The blank's HTML document, None when the school has nothing to print (no consent text)."""
    if name == "consent":
        text = ConsentText.current_for(organisation)
        if text is None:
            return None
        return render_to_string(
            "participants/consent/document.html", consent_document_context(None, text)
        )
    if name == "publication":
        return render_to_string(
            "participants/consent/publication_document.html",
            publication_document_context(None, organisation),
        )
    if name in ("request", "questionnaire"):
        form = MenteeRequestForm() if name == "request" else MentorProfileForm()
        return render_to_string(
            "public/print/blank_form.html",
            {
                "organisation": organisation,
                "title": BLANK_NAMES[name].title,
                "who": "наставляемого" if name == "request" else "наставника",
                "questions": form_questions(form),
            },
        )
    if name == "program":
        return render_to_string(
            "public/print/blank_program.html",
            {
                "organisation": organisation,
                "rows": range(1, 9),
            },
        )
    return None

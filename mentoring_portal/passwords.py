"""Password rules of the portal beyond Django's: not the product's name, not the school's words.

Django's ``UserAttributeSimilarityValidator`` compares a password with the user's own name and
e-mail; a school's people also pick the portal's name («nastavnik») or the school's («gimnaziya2»,
«asino2026»). Each word is compared as written, transliterated to Latin and as typed on the Latin
keyboard layout (``yfcnfdybr`` is «наставник» with the layout left on English).
"""

import re
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError

from mentoring_portal.translit import latin

PRODUCT_WORDS = ("наставничество", "наставник", "наставники", "nastavnik", "nastavnichestvo")
# Shorter words («№», «г.», «СОШ») say nothing about a password.
MIN_WORD_LENGTH = 4

_LAYOUT = dict(
    zip(
        "йцукенгшщзхъфывапролджэячсмитьбюё",
        "qwertyuiop[]asdfghjkl;'zxcvbnm,.`",
        strict=True,
    )
)


def _variants(word: str) -> set[str]:
    word = word.lower()
    return {
        word,
        latin(word),
        "".join(_LAYOUT.get(letter, letter) for letter in word),
    }


def _school_words(user) -> set[str]:
    from participants.models import Organisation

    organisations = Organisation.objects.all()
    if user is not None and user.pk:
        mine = organisations.filter(memberships__user=user)
        if mine.exists():
            organisations = mine
    words = set()
    for names in organisations.values_list("short_name", "full_name", "city"):
        for name in names:
            words.update(re.findall(r"\w+", (name or "").lower()))
    return {word for word in words if len(word) >= MIN_WORD_LENGTH and not word.isdigit()}


class ProductAndSchoolSimilarityValidator:
    """Refuse a password too similar to the portal's name or the words of the user's school."""

    def __init__(self, max_similarity: float = 0.7):
        self.max_similarity = max_similarity

    def validate(self, password, user=None):
        password = password.lower()
        parts = {password, *re.split(r"\W+", password)} - {""}
        for word in sorted({*PRODUCT_WORDS, *_school_words(user)}):
            for variant in _variants(word):
                for part in parts:
                    similar = (
                        SequenceMatcher(a=part, b=variant).quick_ratio() >= self.max_similarity
                        and SequenceMatcher(a=part, b=variant).ratio() >= self.max_similarity
                    )
                    if similar or (len(variant) >= 5 and variant in part):
                        raise ValidationError(
                            "Пароль слишком похож на «%(word)s»: не используйте в пароле название "
                            "портала, школы или города.",
                            code="password_too_similar_to_school",
                            params={"word": word},
                        )

    def get_help_text(self):
        return "Пароль не должен быть похож на название портала, школы или города."

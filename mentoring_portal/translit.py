"""Russian names in Latin letters, for file names and addresses: «МАОУ гимназия № 2 г. Асино» →
``maou-gimnaziya-2-g-asino`` (the passport transliteration most schools already use in their
sites' addresses; ъ and ь are dropped)."""

import re

LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "y",
            "_",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)
LATIN["ъ"] = LATIN["ь"] = ""


def latin(text: str) -> str:
    """The text in lower-case Latin letters, everything else as it was."""
    return "".join(LATIN.get(letter, letter) for letter in text.lower())


def latin_slug(text: str) -> str:
    """Every word of ``text`` (not only the last one), transliterated and joined by hyphens;
    signs such as «№» and «.» go."""
    return "-".join(re.findall(r"[a-z0-9]+", latin(text)))

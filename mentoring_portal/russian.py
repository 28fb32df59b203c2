"""Russian words that agree with a number: «1 год», «24 года», «стаж 21 год», «5 лет»."""


def plural_word(number: int, one: str, few: str, many: str) -> str:
    """The noun's form for ``number``: ``one`` for 1, 21, 101…; ``few`` for 2–4, 22–24…
    (but not 12–14); ``many`` for the rest."""
    number = abs(int(number))
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


def plural_count(number: int, one: str, few: str, many: str) -> str:
    """The number with its noun: ``plural_count(24, "год", "года", "лет")`` is «24 года»."""
    return f"{number} {plural_word(number, one, few, many)}"

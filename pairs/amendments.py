"""What an amendment order (приказ о внесении изменений) changes, item by item.

The amendment restates the composition of the pairs in its appendix; a director signing it must
also read what differs from the order it amends, as Russian orders say it: «исключить пару № 2
…», «включить пару …», «заменить наставника … на …». The items are computed by comparing the
amended order's pairs (numbered as its appendix numbers them) with the amendment's own, never
typed by hand.
"""

from dataclasses import dataclass

from mentoring_portal import russian
from pairs.models import Pair


@dataclass(frozen=True)
class Change:
    """One item of the change: its text and the people it names (they sign the sheet)."""

    text: str
    people: tuple


def _names(members) -> str:
    return ", ".join(member.person.full_name for member in members)


def _described(pair: Pair) -> str:
    """«наставник — Смирнова Ольга Викторовна, наставляемый — Иванов Иван Иванович, форма
    «учитель – учитель», вид — традиционное наставничество («один на один»), срок 01.10.2026 –
    31.05.2027» (the kind's own quotes are not put inside the form's)."""
    mentors, mentees = pair.mentors, pair.mentees
    mentor_word = "наставники" if len(mentors) > 1 else "наставник"
    mentee_word = "наставляемые" if len(mentees) > 1 else "наставляемый"
    kind = f", вид — {russian.lower_first(pair.kind.name)}" if pair.kind else ""
    return (
        f"{mentor_word} — {_names(mentors)}, {mentee_word} — {_names(mentees)}, "
        f"форма «{pair.form.name}»{kind}, "
        f"срок {pair.period_start:%d.%m.%Y} – {pair.period_end:%d.%m.%Y}"
    )


def _word(pair: Pair) -> str:
    return "группу" if pair.is_group else "пару"


def _people(*pairs: Pair) -> tuple:
    return tuple(member.person for pair in pairs for member in pair.members.all())


def _person_set(members) -> frozenset:
    return frozenset(member.person_id for member in members)


def amendment_changes(before: list[Pair], after: list[Pair]) -> list[Change]:
    """The items that turn the appendix of the amended order (``before``, in its appendix's
    order) into the amendment's (``after``).

    A pair dropped and a pair added with the same mentees and form is one change of mentor
    («заменить наставника … на …»); with the same mentors and form, one change of the mentees;
    any other pair dropped is «исключить», any other pair added «включить». A pair in both is
    not a change. Pairs need their members, form and kind loaded (``Pair.objects.with_members``).
    """
    number = {pair.pk: index for index, pair in enumerate(before, start=1)}
    kept = {pair.pk for pair in after}
    removed = [pair for pair in before if pair.pk not in kept]
    added = [pair for pair in after if pair.pk not in number]
    changes = []
    for old in list(removed):
        for new in added:
            if new.form_id != old.form_id:
                continue
            same_mentees = _person_set(new.mentees) == _person_set(old.mentees)
            if same_mentees and _person_set(new.mentors) == _person_set(old.mentors):
                changes.append(_restated(number[old.pk], old, new))
            elif same_mentees:
                changes.append(_mentor_replaced(number[old.pk], old, new))
            elif _person_set(new.mentors) == _person_set(old.mentors):
                changes.append(_mentees_changed(number[old.pk], old, new))
            else:
                continue
            removed.remove(old)
            added.remove(new)
            break
    for old in removed:
        changes.append(
            Change(f"исключить {_word(old)} № {number[old.pk]} ({_described(old)})", _people(old))
        )
    for new in added:
        changes.append(Change(f"включить {_word(new)}: {_described(new)}", _people(new)))
    return changes


def _restated(number: int, old: Pair, new: Pair) -> Change:
    """The same people in a new pair (another period or kind): the item restates it."""
    where = "группу" if old.is_group else "пару"
    return Change(f"{where} № {number} изложить в редакции: {_described(new)}", _people(new))


def _in_case(members, case: str) -> str:
    return ", ".join(russian.full_name(member.person, case) for member in members)


def _mentor_replaced(number: int, old: Pair, new: Pair) -> Change:
    """«в паре № 2 заменить наставника Смирнову Ольгу Викторовну на Петрову Анну Сергеевну
    (наставляемый — …, срок …)»."""
    gone = [m for m in old.mentors if m.person_id not in _person_set(new.mentors)]
    came = [m for m in new.mentors if m.person_id not in _person_set(old.mentors)]
    word = "наставников" if len(gone) > 1 else "наставника"
    where = "в группе" if old.is_group else "в паре"
    text = (
        f"{where} № {number} заменить {word} {_in_case(gone, 'accusative')} на "
        f"{_in_case(came, 'accusative')} ({_described(new)})"
    )
    return Change(text, _people(old, new))


def _mentees_changed(number: int, old: Pair, new: Pair) -> Change:
    """«в группе № 3 исключить наставляемого …, включить наставляемую …»."""
    before, after = _person_set(old.mentees), _person_set(new.mentees)
    parts = []
    gone = [m for m in old.mentees if m.person_id not in after]
    came = [m for m in new.mentees if m.person_id not in before]
    if gone:
        parts.append(f"исключить {_mentee_word(gone)} {_in_case(gone, 'accusative')}")
    if came:
        parts.append(f"включить {_mentee_word(came)} {_in_case(came, 'accusative')}")
    where = "в группе" if old.is_group or new.is_group else "в паре"
    text = f"{where} № {number} {', '.join(parts)} ({_described(new)})"
    return Change(text, _people(old, new))


def _mentee_word(members) -> str:
    if len(members) > 1:
        return "наставляемых"
    gender = russian.gender_of(members[0].person)
    return "наставляемую" if gender == russian.FEMALE else "наставляемого"

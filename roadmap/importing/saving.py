"""Writing an imported roadmap into the database — the only module of the package that touches
Django, imported explicitly (``from roadmap.importing.saving import roadmap_import``) so the
reader itself stays pure.
"""

import re
from collections import Counter

from django.db import transaction

from participants.models import Person
from roadmap import notices
from roadmap.importing.result import ImportedRoadmap
from roadmap.models import Activity, Roadmap, Stage
from roadmap.services import activity_derive_deadline, roadmap_create

ROLES_MAX = Activity._meta.get_field("responsible_roles").max_length
DEADLINE_MAX = Activity._meta.get_field("deadline_text").max_length
TITLE_MAX = Stage._meta.get_field("title").max_length
PRIOR_MAX = Roadmap._meta.get_field("prior_approval").max_length


def _key(text: str) -> str:
    return text.lower().replace("ё", "е").strip()


def _name_parts(name: str) -> tuple[str, str]:
    """«Евстропова Л. Г.» → («евстропова», «лг»)."""
    match = re.match(r"\s*([^\s.]+)\s*(.*)", name)
    if not match:
        return "", ""
    return _key(match[1]), "".join(re.findall(r"[А-ЯЁA-Z]", match[2])).lower().replace("ё", "е")


def match_people(organisation, names) -> dict[str, Person | None]:
    """Each «Фамилия И. О.» → the one person of the organisation with that surname and those
    initials; None when there is nobody or more than one (then it stays text)."""
    wanted = {name: _name_parts(name) for name in names}
    surnames = {surname for surname, _ in wanted.values() if surname}
    if not surnames:
        return dict.fromkeys(wanted)
    candidates: dict[str, list[Person]] = {}
    for person in Person.objects.filter(organisation=organisation).only(
        "id", "last_name", "first_name", "middle_name", "organisation_id"
    ):
        surname = _key(person.last_name)
        if surname in surnames:
            candidates.setdefault(surname, []).append(person)
    result: dict[str, Person | None] = {}
    for name, (surname, initials) in wanted.items():
        found = [
            person
            for person in candidates.get(surname, [])
            if _initials(person).startswith(initials) and initials
        ]
        result[name] = found[0] if len(found) == 1 else None
    return result


def _initials(person: Person) -> str:
    return "".join(part[:1] for part in (person.first_name, person.middle_name) if part).lower()


@transaction.atomic
def roadmap_import(*, organisation, imported: ImportedRoadmap, by) -> Roadmap:
    """Create a draft roadmap with the imported stages and activities, all or nothing.

    Deadlines are derived again by the roadmap's own rule (:func:`activity_derive_deadline`)
    from the text as written; people are matched by surname and initials, the others stay in
    «ответственные (должности, группы)» as text, next to the roles.
    """
    roadmap = roadmap_create(
        organisation=organisation,
        title=imported.title[: Roadmap._meta.get_field("title").max_length],
        period_start=imported.period_start,
        period_end=imported.period_end,
        from_template=False,
        by=by,
    )
    if imported.keep_approval and imported.approval.prior_text:
        roadmap.prior_approval = imported.approval.prior_text[:PRIOR_MAX]
        roadmap.save(update_fields=["prior_approval"])
    names = {name for a in imported.activities for name in a.responsible_people_names}
    people = match_people(organisation, names)
    assigned: Counter = Counter()
    for stage_order, imported_stage in enumerate(imported.stages, start=1):
        stage = Stage.objects.create(
            roadmap=roadmap,
            order=stage_order,
            title=(imported_stage.title or f"Этап {stage_order}")[:TITLE_MAX],
        )
        for order, item in enumerate(imported_stage.activities, start=1):
            matched = [people[n] for n in item.responsible_people_names if people.get(n)]
            as_text = [n for n in item.responsible_people_names if not people.get(n)]
            notes = []
            if item.number and item.number != str(order):
                # The portal numbers activities 1.1, 1.2 … by position; keep the document's own.
                notes.append(f"№ в исходном документе: {item.number}")
            roles = ", ".join([*item.responsible_roles, *as_text])
            if len(roles) > ROLES_MAX:
                notes.append(f"Ответственные полностью: {roles}")
                roles = roles[: ROLES_MAX - 1] + "…"
            deadline_text = item.deadline_text
            if len(deadline_text) > DEADLINE_MAX:
                notes.append(f"Сроки полностью: {deadline_text}")
                deadline_text = deadline_text[: DEADLINE_MAX - 1] + "…"
            activity = Activity(
                stage=stage,
                order=order,
                title=item.title,
                result_form=item.result_form,
                deadline_text=deadline_text,
                responsible_roles=roles,
                notes="\n".join(notes),
            )
            activity_derive_deadline(activity=activity, roadmap=roadmap)
            activity.save()
            if matched:
                activity.responsible_people.set(matched)
                assigned.update(set(matched))
    if assigned:
        notices.activities_imported(roadmap=roadmap, assigned=assigned, by=by)
    return roadmap

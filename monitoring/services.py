"""Business rules of questionnaires, campaigns and the year's monitoring."""

from datetime import date

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from monitoring import notices
from monitoring.models import (
    Answer,
    Campaign,
    IndicatorSnapshot,
    IndicatorTarget,
    Invitation,
    MonitoringYear,
    Question,
    Questionnaire,
    Response,
    ResponseDraft,
)
from monitoring.standard import STANDARD_BY_KEY
from pairs.models import Pair, PairMember
from participants.models import Person, Role

# Pairs whose members are «in an active pair»: fixed by order or working.
ACTIVE_PAIR_STATUSES = (Pair.Status.FIXED, Pair.Status.ACTIVE)


@transaction.atomic
def questionnaire_copy_standard(*, organisation, key: str, by) -> Questionnaire:
    """Copy a standard questionnaire into the school, where the curator may change it."""
    standard = STANDARD_BY_KEY[key]
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        title=standard.title,
        for_role=standard.for_role,
        description=standard.description,
        standard_key=standard.key,
        created_by=by,
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            order=number,
            text=question.text,
            kind=question.kind,
            choices="\n".join(question.choices),
            required=question.required,
            measure=question.measure,
        )
        for number, question in enumerate(standard.questions, start=1)
    )
    return questionnaire


def audience_people(*, organisation, audience: str, chosen=()):
    """The people a campaign asks, without those whose consent is withdrawn.

    Mentors: everyone holding the mentor role or mentoring in an active pair. Mentees: the
    mentees of active pairs, and people holding the mentee role (a pair may not be fixed yet).
    """
    people = Person.objects.filter(organisation=organisation, anonymised_at__isnull=True)
    if audience == Campaign.Audience.CHOSEN:
        people = people.filter(pk__in=[person.pk for person in chosen])
    else:
        role, member_role = {
            Campaign.Audience.MENTORS: (Role.MENTOR, PairMember.Role.MENTOR),
            Campaign.Audience.MENTEES: (Role.MENTEE, PairMember.Role.MENTEE),
        }[audience]
        in_pairs = PairMember.objects.filter(
            role=member_role,
            pair__organisation=organisation,
            pair__status__in=ACTIVE_PAIR_STATUSES,
        ).values("person")
        with_role = Q(user__memberships__organisation=organisation, user__memberships__role=role)
        people = people.filter(Q(pk__in=in_pairs) | with_role)
    return people.not_withdrawn().distinct()


@transaction.atomic
def campaign_start(
    *,
    questionnaire: Questionnaire,
    starts_on: date,
    ends_on: date,
    audience: str,
    anonymous: bool,
    by,
    chosen=(),
) -> Campaign:
    """Start a campaign: the audience is fixed now as invitations."""
    organisation = questionnaire.organisation
    if not questionnaire.questions.exists():
        raise ServiceError("В анкете нет вопросов.", code="no_questions")
    campaign = Campaign.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        starts_on=starts_on,
        ends_on=ends_on,
        audience=audience,
        anonymous=anonymous,
        created_by=by,
    )
    people = audience_people(organisation=organisation, audience=audience, chosen=chosen)
    # Ordered by name, not by any time: an invitation's row says nothing about when it answered.
    Invitation.objects.bulk_create(
        Invitation(campaign=campaign, person=person)
        for person in people.order_by("last_name", "first_name", "pk")
    )
    if starts_on <= timezone.localdate():
        # A campaign that starts later is announced by the daily reminders on its first day.
        notices.campaign_opened(campaign=campaign, people=people, by=by)
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign, by) -> Campaign:
    if campaign.closed_at is None:
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["closed_at"])
    return campaign


def _locked_invitation(campaign: Campaign, person) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().filter(campaign=campaign, person=person).first()
    )
    if invitation is None:
        raise ServiceError("Вы не участвуете в этом анкетировании.", code="not_invited")
    if invitation.answered:
        raise ServiceError("Вы уже ответили на эту анкету: ответ изменить нельзя.", code="answered")
    if not campaign.is_open():
        raise ServiceError(
            "Анкетирование завершено: ответы больше не принимаются.", code="campaign_closed"
        )
    return invitation


@transaction.atomic
def response_save_draft(*, campaign: Campaign, person, data: dict) -> ResponseDraft:
    """Keep the answers given so far, to finish later."""
    _locked_invitation(campaign, person)
    draft, _ = ResponseDraft.objects.update_or_create(
        campaign=campaign, person=person, defaults={"data": data}
    )
    return draft


@transaction.atomic
def response_submit(*, campaign: Campaign, person, answers: dict[int, dict]) -> Response:
    """Send the answers once. ``answers``: {question pk: {"number"|"text"|"choices": …}}.

    An anonymous campaign's response keeps neither the person nor the time; the invitation
    only says that the person has answered.
    """
    invitation = _locked_invitation(campaign, person)
    response = Response.objects.create(
        campaign=campaign,
        respondent=None if campaign.anonymous else person,
        submitted_at=None if campaign.anonymous else timezone.now(),
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question_id=question_id,
            number=value.get("number"),
            text=value.get("text", ""),
            choices=value.get("choices", []),
        )
        for question_id, value in answers.items()
    )
    invitation.answered = True
    invitation.save(update_fields=["answered"])
    ResponseDraft.objects.filter(campaign=campaign, person=person).delete()
    return response


@transaction.atomic
def monitoring_year_update(
    *, monitoring_year: MonitoringYear, conclusions: str, targets: dict, manual_formset
) -> MonitoringYear:
    """Save the curator's edit of a year — the conclusions, the manual indicators (a valid
    ``ManualIndicatorFormSet``) and the targets (code → value, None clears it) — all or nothing.

    The approval check runs under the year's row lock: an approval that lands while the curator
    edits wins, and the edit is refused instead of changing a frozen report.
    """
    locked = MonitoringYear.objects.select_for_update().get(pk=monitoring_year.pk)
    if locked.is_approved:
        raise ServiceError(
            "Отчёт утверждён: его значения и выводы больше не меняются.", code="approved"
        )
    locked.conclusions = conclusions
    locked.save()
    manual_formset.save()
    for code, value in targets.items():
        if value is None:
            IndicatorTarget.objects.filter(monitoring_year=locked, code=code).delete()
        else:
            IndicatorTarget.objects.update_or_create(
                monitoring_year=locked, code=code, defaults={"target": value}
            )
    return locked


def report_next_number(organisation, year: int) -> int:
    """The next registration number of an analytical report of ``organisation`` approved in the
    calendar ``year`` (two approvals at once: the unique constraint refuses the second)."""
    last = MonitoringYear.objects.filter(organisation=organisation, report_year=year).aggregate(
        last=Max("report_number")
    )["last"]
    return (last or 0) + 1


@transaction.atomic
def monitoring_year_approve(*, monitoring_year: MonitoringYear, by) -> MonitoringYear:
    """Freeze the year's indicators: from now on the report reads the stored values only."""
    from monitoring.indicators import compute_indicators

    monitoring_year = MonitoringYear.objects.select_for_update().get(pk=monitoring_year.pk)
    if monitoring_year.is_approved:
        raise ServiceError("Отчёт уже утверждён.", code="approved")
    values = compute_indicators(
        organisation=monitoring_year.organisation, year=monitoring_year.year
    )
    IndicatorSnapshot.objects.bulk_create(
        IndicatorSnapshot(
            monitoring_year=monitoring_year,
            order=number,
            code=value.code,
            title=value.title,
            stage=value.stage,
            unit=value.unit,
            value=value.value,
            target=value.target,
            note=value.note,
        )
        for number, value in enumerate(values, start=1)
    )
    from monitoring.report import chart_data

    monitoring_year.frozen_charts = chart_data(monitoring_year.organisation, monitoring_year.year)
    monitoring_year.status = MonitoringYear.Status.APPROVED
    monitoring_year.approved_by = by
    monitoring_year.approved_at = timezone.now()
    monitoring_year.report_year = timezone.localdate(monitoring_year.approved_at).year
    monitoring_year.report_number = report_next_number(
        monitoring_year.organisation, monitoring_year.report_year
    )
    person = Person.objects.filter(organisation=monitoring_year.organisation, user=by).first()
    monitoring_year.approver_name = person.short_name if person else by.get_full_name()
    monitoring_year.save()
    return monitoring_year

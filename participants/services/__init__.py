"""Business rules of the participants app that touch several records (each in a transaction)."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from simple_history.utils import bulk_update_with_history

from mentoring_portal.errors import ServiceError
from participants import anonymisation, notices
from participants.models import (
    Consent,
    ConsentText,
    Membership,
    MenteeRequest,
    MentorProfile,
    MentorTraining,
    Organisation,
    Person,
    PublicationConsent,
    Role,
)
from participants.models.consent import DEFAULT_DATA_CATEGORIES, DEFAULT_PURPOSES
from participants.services.publication import (  # noqa: F401 - callers import from here
    publication_data_items,
    publication_give_online,
    publication_record_paper,
    publication_resources,
    publication_withdraw,
)

DEFAULT_CONSENT_TEMPLATE = "participants/consent/default_text.txt"


# --- people ---------------------------------------------------------------------------------


def person_give_login(*, person: Person, username: str, email: str, roles, by) -> tuple:
    """Create a login for ``person`` with ``roles`` in the person's organisation.

    The account has no usable password: the person sets one through the link returned here, so
    the curator never knows it. Returns ``(user, link_path)``; see :func:`password_set_link`.
    """
    User = get_user_model()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.user_id:
            raise ServiceError("У этого участника уже есть учётная запись.", code="has_login")
        user = User(
            username=username,
            email=email,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        user.set_unusable_password()
        user.save()
        for role in roles:
            Membership.objects.create(user=user, organisation=person.organisation, role=role)
        person.user = user
        if email and not person.email:
            person.email = email
        person.save(update_fields=["user", "email"])
    return user, password_set_link(user)


STAFF_CATEGORIES = (
    Person.Category.TEACHER,
    Person.Category.YOUNG_SPECIALIST,
    Person.Category.MANAGER,
)


def staff_without_login(organisation):
    """The school's staff (teachers, young specialists, administration) present, not
    anonymised, with no login: whom «Пригласить сотрудников» invites."""
    return (
        Person.objects.filter(
            organisation=organisation,
            category__in=STAFF_CATEGORIES,
            user__isnull=True,
            anonymised_at__isnull=True,
        )
        .present()
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


def staff_invite(*, organisation, by) -> tuple[list[Person], list[Person]]:
    """Give every staff member without a login a login (role «педагог», their e-mail as the
    username, no usable password) and send each the invitation with a link to set the password.

    One transaction; the people are locked and read again, so a double click or a second tab
    invites nobody twice (the second finds them with a login). A person without an e-mail, or
    whose address is already another login's, is left and returned in ``skipped``. The letters
    are enqueued after the commit (a rolled-back write sends nothing). Returns
    ``(invited, skipped)``.
    """
    from participants.tasks import send_login_invitations

    User = get_user_model()
    invited, skipped, users = [], [], []
    with transaction.atomic():
        people = list(staff_without_login(organisation).select_for_update())
        addresses = [person.email.strip().lower() for person in people if person.email.strip()]
        taken = {
            name.lower()
            for name in User.objects.filter(username__in=addresses).values_list(
                "username", flat=True
            )
        }
        for person in people:
            address = person.email.strip().lower()
            if not address or address in taken:
                skipped.append(person)
                continue
            taken.add(address)
            user = User(
                username=address,
                email=address,
                first_name=person.first_name,
                last_name=person.last_name,
            )
            user.set_unusable_password()
            users.append(user)
            invited.append(person)
        if users:
            User.objects.bulk_create(users)
            # bulk_create gives no primary keys on every backend: read them back by username.
            ids = dict(
                User.objects.filter(username__in=[u.username for u in users]).values_list(
                    "username", "pk"
                )
            )
            for person, user in zip(invited, users, strict=True):
                person.user_id = ids[user.username]
            Membership.objects.bulk_create(
                Membership(user_id=person.user_id, organisation=organisation, role=Role.TEACHER)
                for person in invited
            )
            # The people's history records who gave them the login, as person_give_login does.
            bulk_update_with_history(invited, Person, ["user"], default_user=by)
            user_ids = [person.user_id for person in invited]
            transaction.on_commit(lambda: send_login_invitations.enqueue(user_ids))
    return invited, skipped


def password_set_link(user) -> str:
    """The path of the «set your password» page for ``user`` (Django's password-reset token).

    The link works once: the token hashes the user's password and last login, so it is dead as
    soon as a password is set (or the person logs in). Unused, it expires after
    ``PASSWORD_RESET_TIMEOUT`` (three days, :func:`password_link_validity`).
    """
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def password_link_validity() -> str:
    """How long a «set your password» link stays valid, in Russian («3 дня»), from the setting."""
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    number, units = (
        (hours // 24, ("день", "дня", "дней"))
        if hours % 24 == 0
        else (hours, ("час", "часа", "часов"))
    )
    if number % 10 == 1 and number % 100 != 11:
        unit = units[0]
    elif 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        unit = units[1]
    else:
        unit = units[2]
    return f"{number}\u00a0{unit}"  # a no-break space: «3 дня» never splits across lines


# --- consent texts and consents ---------------------------------------------------------------


def default_consent_body(organisation: Organisation) -> str:
    """The portal's consent text with the school's details filled in (items 3–8 of
    152-ФЗ ст. 9 ч. 4; items 1, 2 and 9 are the person's lines added when shown or printed)."""
    return render_to_string(
        DEFAULT_CONSENT_TEMPLATE,
        {
            "organisation": organisation,
            "purposes": DEFAULT_PURPOSES,
            "data_categories": DEFAULT_DATA_CATEGORIES,
        },
    ).strip()


def person_delete_check(person: Person) -> None:
    """Refuse deleting a person whose record other records stand on: a consent (deleting it
    would destroy the record of the consent — withdrawal anonymises instead) or a minor they
    legally represent."""
    if person.consents.exists():
        raise ServiceError(
            "У участника есть согласие на обработку персональных данных: его удаление "
            "уничтожило бы запись о согласии. Оформите отзыв согласия — данные будут обезличены.",
            code="has_consent",
        )
    if person.represented.exists():
        raise ServiceError(
            "Участник указан законным представителем обучающегося: сначала измените это.",
            code="represents_minor",
        )


def person_delete(*, person: Person) -> None:
    """Delete a person the portal holds nothing about, with what the history and logs keep of
    them: the checks and the delete in one transaction under the person's row lock, so a
    consent given meanwhile stops it."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        person_delete_check(person)
        try:
            anonymisation.person_delete(person=person)
        except (ProtectedError, RestrictedError) as error:
            raise ServiceError(
                "На участника ссылаются другие записи портала: удалить нельзя.", code="referenced"
            ) from error


def consent_text_current(*, organisation: Organisation) -> ConsentText:
    """The newest published text; the portal's default is published as version 1 when the
    school has none yet."""
    text = ConsentText.current_for(organisation)
    if text is None:
        text = consent_text_publish(
            organisation=organisation,
            body=default_consent_body(organisation),
            purposes=DEFAULT_PURPOSES,
            data_categories=DEFAULT_DATA_CATEGORIES,
            by=None,
        )
    return text


def consent_text_publish(
    *, organisation: Organisation, body: str, purposes: str, data_categories: str, by
) -> ConsentText:
    """Publish a new version of the consent text. Old consents keep the version they agreed to."""
    with transaction.atomic():
        # Lock the organisation so that two curators publishing at once get different numbers.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        last = ConsentText.current_for(organisation)
        return ConsentText.objects.create(
            organisation=organisation,
            version=(last.version + 1) if last else 1,
            body=body,
            purposes=purposes,
            data_categories=data_categories,
            published_by=by,
        )


def _consent_create(*, person: Person, text: ConsentText, **fields) -> Consent:
    """The one way a consent is recorded: under the person's row lock, only when they have no
    valid consent yet, with the purposes and data categories of the text they agreed to."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.consents.valid().exists():
            raise ServiceError(
                "У участника уже есть действующее согласие.", code="consent_already_given"
            )
        return Consent.objects.create(
            person=person,
            text=text,
            purposes=text.purposes,
            data_categories=text.data_categories,
            **fields,
        )


def consent_give_online(
    *,
    person: Person,
    text: ConsentText,
    typed_name: str,
    user,
    ip_address: str | None,
    given_by_person: Person | None = None,
) -> Consent:
    """Record a consent given on the portal: the version shown, the typed name, the time, the
    account and the address it came from."""
    return _consent_create(
        person=person,
        text=text,
        given_by_person=given_by_person,
        method=Consent.Method.ONLINE,
        typed_name=typed_name,
        given_from_user=user,
        ip_address=ip_address,
    )


def consent_record_paper(
    *,
    person: Person,
    text: ConsentText,
    scan,
    signed_on: date,
    by,
    given_by_person: Person | None = None,
) -> Consent:
    """Record a consent signed on paper, with the scan the curator uploaded (dated noon of the
    signing day, so the local date is the day written on the paper)."""
    given_at = timezone.make_aware(
        timezone.datetime.combine(signed_on, timezone.datetime.min.time().replace(hour=12))
    )
    return _consent_create(
        person=person,
        text=text,
        given_by_person=given_by_person,
        method=Consent.Method.PAPER,
        given_at=given_at,
        given_from_user=by,
        scan=scan,
    )


def consent_withdraw(*, consent: Consent, by, date: date, reason: str) -> Consent:
    """Withdraw a consent (by the person online, or by the curator from a written statement).

    From then the person is out of both banks (their request and questionnaire are marked
    «Исключён из банка»), no pair may take them, and ``anonymise_withdrawn`` anonymises their
    data once the legal period has passed.
    """
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.is_withdrawn:
            raise ServiceError("Согласие уже отозвано.", code="already_withdrawn")
        if date < timezone.localtime(consent.given_at).date():
            raise ServiceError(
                "Дата отзыва раньше даты согласия.", code="withdrawal_before_consent"
            )
        consent.withdrawn_on = date
        consent.withdrawn_by = by
        consent.withdrawal_reason = reason
        consent.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_reason"])
        now = timezone.now()
        comment = f"Исключён из банка: согласие отозвано {date:%d.%m.%Y}."
        for model in (MenteeRequest, MentorProfile):
            for application in model.objects.filter(
                person=consent.person_id, status__in=model.OPEN_STATUSES
            ):
                application.status = model.Status.EXCLUDED
                application.curator_comment = comment
                application.reviewed_at = now
                application.reviewed_by = by
                application.save()
        # Without a consent to processing nothing is processed, distribution included.
        for publication in PublicationConsent.objects.select_for_update().filter(
            person=consent.person_id, withdrawn_on__isnull=True
        ):
            publication.withdrawn_on = max(date, timezone.localtime(publication.given_at).date())
            publication.withdrawn_by = by
            publication.withdrawal_reason = (
                f"Отозвано вместе с согласием на обработку персональных данных: {reason}"
                if reason
                else "Отозвано вместе с согласием на обработку персональных данных."
            )
            publication.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_reason"])
        notices.consent_withdrawn(consent=consent, by=by)
    return consent


# --- the teacher's applications (requests, questionnaires) and their review ----------------


def _submit(application):
    if not application.is_editable:
        raise ServiceError("Этот документ уже подан.", code="not_editable")
    application.status = application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    return application


def bank_application_save(*, model_form, person: Person, submit: bool):
    """Save the participant's own request or questionnaire from its valid ``model_form`` (the
    fields and the many-to-many choices) and, with ``submit``, submit it — all or nothing."""
    with transaction.atomic():
        saved = model_form.save(commit=False)
        saved.person = person
        saved.save()
        model_form.save_m2m()
        if submit:
            _submit(saved)
        return saved


def _accept(application, *, status, by):
    if application.status != application.Status.SUBMITTED:
        raise ServiceError("Принять можно только поданный документ.", code="not_submitted")
    if not application.person.has_valid_consent():
        raise ServiceError(
            "Нет действующего согласия на обработку персональных данных: включить в банк нельзя.",
            code="no_consent",
        )
    application.status = status
    application.reviewed_at = timezone.now()
    application.reviewed_by = by
    application.curator_comment = ""
    application.save()
    return application


def mentee_request_accept(*, request: MenteeRequest, by) -> MenteeRequest:
    """Accept a request into the mentee bank (only with a valid consent)."""
    with transaction.atomic():
        request = _accept(request, status=MenteeRequest.Status.ACCEPTED, by=by)
        notices.application_decided(application=request, by=by, accepted=True)
        return request


def mentor_profile_accept(*, profile: MentorProfile, by) -> MentorProfile:
    """Accept a questionnaire into the mentor bank (only with a valid consent)."""
    with transaction.atomic():
        trained = profile.trainings.exists()
        status = MentorProfile.Status.TRAINED if trained else MentorProfile.Status.IN_BANK
        profile = _accept(profile, status=status, by=by)
        notices.application_decided(application=profile, by=by, accepted=True)
        return profile


def bank_application_return(*, application, by, comment: str):
    """Return a submitted request or questionnaire to its author with the curator's comment."""
    with transaction.atomic():
        if application.status != application.Status.SUBMITTED:
            raise ServiceError("Вернуть можно только поданный документ.", code="not_submitted")
        application.status = application.Status.RETURNED
        application.curator_comment = comment
        application.reviewed_at = timezone.now()
        application.reviewed_by = by
        application.save()
        notices.application_decided(application=application, by=by, accepted=False)
        return application


def mentor_training_record(*, profile: MentorProfile, by, **fields) -> MentorTraining:
    """Record a mentor's training; a mentor in the bank becomes «Прошёл обучение»."""
    with transaction.atomic():
        training = MentorTraining.objects.create(profile=profile, recorded_by=by, **fields)
        if profile.status == MentorProfile.Status.IN_BANK:
            profile.status = MentorProfile.Status.TRAINED
            profile.save(update_fields=["status", "updated_at"])
        return training


def bank_applications_decide(
    *, model, pks: list[int], organisation, by, accept: bool, comment: str = ""
) -> tuple[list, list[str]]:
    """Accept (or return with ``comment``) several submitted requests or questionnaires at once.

    One transaction; each row is locked and checked again, so a double click or a second tab
    decides nothing twice. What cannot be decided (already reviewed, no valid consent) is left
    as it was and named in the problems; the rest is decided and each author is told once.
    """
    done, problems = [], []
    with transaction.atomic():
        items = list(
            model.objects.select_for_update(of=("self",))
            .filter(pk__in=pks, person__organisation=organisation)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        for item in items:
            try:
                with transaction.atomic():
                    if not accept:
                        bank_application_return(application=item, by=by, comment=comment)
                    elif isinstance(item, MenteeRequest):
                        mentee_request_accept(request=item, by=by)
                    else:
                        mentor_profile_accept(profile=item, by=by)
            except ServiceError as error:
                problems.append(f"{item.person.full_name}: {' '.join(error.messages)}")
            else:
                done.append(item)
    return done, problems

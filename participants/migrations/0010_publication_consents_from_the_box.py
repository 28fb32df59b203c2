"""The box «согласие на распространение» ticked inside a consent to processing becomes a consent to
distribution of its own, with the same dates, method, scan and withdrawal: what the old box said
(«фамилии, имени, отчества, должности и фотографии на странице «Наставничество» официального
сайта») is written out as its data and its resource."""

from django.db import migrations

ADULT_ITEMS = "фамилия, имя, отчество; должность; фотографическое изображение"
PUPIL_ITEMS = "фамилия, имя, отчество; класс; фотографическое изображение"


def forwards(apps, schema_editor):
    Consent = apps.get_model("participants", "Consent")
    PublicationConsent = apps.get_model("participants", "PublicationConsent")
    for consent in Consent.objects.filter(publication_consent=True).select_related(
        "person__organisation"
    ):
        person = consent.person
        PublicationConsent.objects.create(
            person=person,
            given_by_person_id=consent.given_by_person_id,
            photo=True,
            data_items=PUPIL_ITEMS if person.category == "student" else ADULT_ITEMS,
            resources=(
                "раздел «Наставничество» официального сайта "
                f"{person.organisation.short_name}"
            ),
            conditions="",
            valid_until=consent.valid_until,
            method=consent.method,
            typed_name=consent.typed_name,
            given_at=consent.given_at,
            given_from_user_id=consent.given_from_user_id,
            ip_address=consent.ip_address,
            scan=consent.scan.name if consent.scan else "",
            withdrawn_on=consent.withdrawn_on,
            withdrawal_reason=consent.withdrawal_reason,
            withdrawn_by_id=consent.withdrawn_by_id,
        )


def backwards(apps, schema_editor):
    Consent = apps.get_model("participants", "Consent")
    PublicationConsent = apps.get_model("participants", "PublicationConsent")
    for publication in PublicationConsent.objects.all():
        Consent.objects.filter(person_id=publication.person_id, given_at=publication.given_at).update(
            publication_consent=True
        )


class Migration(migrations.Migration):
    dependencies = [("participants", "0009_publication_consent_and_requisites")]

    operations = [migrations.RunPython(forwards, backwards)]

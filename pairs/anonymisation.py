"""What the pairs app forgets of a person whose consent was withdrawn (see
``participants.anonymisation``): the typed name and the scan of their duties consents. The pair
and a signed order naming them are documents and stay; the history goes with the participants'
purge."""

from participants import anonymisation


@anonymisation.register
def forget_duties_consents(person):
    for consent in person.duties_consents.all():
        if consent.scan:
            consent.scan.delete(save=False)
        consent.scan = ""
        if consent.typed_name:
            consent.typed_name = anonymisation.REMOVED
        consent.save(update_fields=["scan", "typed_name"])

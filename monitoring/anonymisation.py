"""What the monitoring app forgets of a person whose consent was withdrawn: the answers they
saved but never sent. A sent response stays, linked to the anonymised record only."""

from participants import anonymisation


@anonymisation.register
def forget_response_drafts(person):
    from monitoring.models import ResponseDraft

    ResponseDraft.objects.filter(person=person).delete()

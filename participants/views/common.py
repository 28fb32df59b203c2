"""What the participants views share."""

from mentoring_portal.security import client_address
from participants.models import Role

# Who manages the school's people, consents and banks.
CURATORS = (Role.CURATOR,)
# Who reads people and consents: the school's management.
PEOPLE_READERS = (Role.CURATOR, Role.DIRECTOR)
# Who reads the banks (read-only for all but the curator).
BANK_READERS = (Role.CURATOR, Role.DIRECTOR, Role.WORKING_GROUP)
# Everybody who may have their own documents in a school (a coordinator has none there).
OWN_DOCUMENT_ROLES = (
    Role.TEACHER,
    Role.MENTOR,
    Role.MENTEE,
    Role.WORKING_GROUP,
    Role.CURATOR,
    Role.DIRECTOR,
)


def client_ip(request) -> str | None:
    """The address the request came from (behind the school's proxy, the client's, not the
    proxy's): see :func:`mentoring_portal.security.client_address`."""
    return client_address(request)

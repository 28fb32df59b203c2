"""What the monitoring views share: who may do what."""

from participants.models import Role

CURATORS = (Role.CURATOR,)
# Read questionnaires, campaigns and their results.
SURVEY_READERS = (Role.CURATOR, Role.DIRECTOR)
# Read the year's monitoring, download the export and the report.
MONITORING_READERS = (Role.CURATOR, Role.DIRECTOR, Role.COORDINATOR)
# Who usually answers questionnaires (the menu shows them «Мои анкеты»).
PARTICIPANT_ROLES = (Role.MENTOR, Role.MENTEE, Role.TEACHER)

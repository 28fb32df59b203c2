from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Участники и организации"

    def ready(self):
        from mentoring_portal import navigation
        from participants import dashboard  # noqa: F401  (registers the home page panels)
        from participants.models import Role
        from participants.views.common import BANK_READERS, OWN_DOCUMENT_ROLES, PEOPLE_READERS

        navigation.register("Участники", "participants:person_list", roles=PEOPLE_READERS, order=30)
        navigation.register("Банки", "participants:mentee_bank", roles=BANK_READERS, order=35)
        navigation.register(
            "Мои документы",
            "participants:my_documents",
            roles=[r for r in OWN_DOCUMENT_ROLES if r not in (Role.CURATOR, Role.DIRECTOR)],
            order=40,
            personal=True,
        )

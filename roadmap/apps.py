from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Дорожная карта"

    def ready(self):
        from mentoring_portal import navigation
        from participants.models import Role
        from roadmap import dashboard  # noqa: F401  (registers the home page panels)

        navigation.register("Дорожная карта", "roadmap:list", roles=list(Role.values), order=20)
        navigation.register(
            "Мои мероприятия",
            "roadmap:my",
            roles=[Role.WORKING_GROUP, Role.CURATOR],
            order=21,
            personal=True,
        )

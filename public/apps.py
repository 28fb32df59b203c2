from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Открытый раздел «Наставничество»"

    def ready(self):
        from mentoring_portal import navigation
        from participants.models import Role
        from public import signals  # noqa: F401  (a consent or a name changed: pages rebuilt)

        # Only the curator runs the section (its views answer a director 403): the menu leads
        # where the reader may go.
        navigation.register("Открытый раздел", "public:manage", roles=[Role.CURATOR], order=60)

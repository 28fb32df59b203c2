from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Участники и организации"

    def ready(self):
        from participants import dashboard  # noqa: F401  (registers the home page panels)

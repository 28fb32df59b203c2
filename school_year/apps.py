from django.apps import AppConfig


class SchoolYearConfig(AppConfig):
    """The year change: «Итоги года» and «Новый учебный год» on top of roadmap, participants,
    pairs and monitoring. Nothing imports this app."""

    name = "school_year"
    verbose_name = "Учебный год"

    def ready(self):
        from mentoring_portal import navigation
        from participants.models import Role
        from school_year import dashboard  # noqa: F401  (registers the home page panel)

        # In the user's menu: the main bar is full at 1280 px.
        navigation.register(
            "Учебный год: итоги и переход",
            "school_year:index",
            roles=[Role.CURATOR, Role.DIRECTOR],
            order=45,
            personal=True,
        )
        navigation.register(
            "Моё портфолио",
            "school_year:my_portfolio",
            roles=[Role.MENTOR],
            order=32,
            personal=True,
        )

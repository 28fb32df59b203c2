from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = "Наставнические пары и приказы"

    def ready(self):
        from mentoring_portal import navigation
        from pairs import (
            anonymisation,  # noqa: F401  (registers the anonymisation hook)
            dashboard,  # noqa: F401  (registers the home page panels)
            signals,  # noqa: F401  (guards a signed order's list of pairs)
        )
        from participants.models import Role

        readers = [Role.CURATOR, Role.DIRECTOR, Role.WORKING_GROUP, Role.COORDINATOR]
        navigation.register("Пары и группы", "pairs:pair_list", roles=readers, order=30)
        # The director comes for orders; the others reach them through the pairs section's tabs.
        navigation.register("Приказы", "pairs:order_list", roles=[Role.DIRECTOR], order=35)
        navigation.register(
            "Моя пара", "pairs:my_pairs", roles=[Role.MENTOR, Role.MENTEE], order=31, personal=True
        )

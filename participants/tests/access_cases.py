from tests.access import ALL_SCHOOL_PERSONAS, case

CASES = [
    case(
        "participants:switch_organisation",
        ALL_SCHOOL_PERSONAS,
        method="post",
        data=lambda world, kwargs: {"organisation": world.school.pk},
        scoped=True,
    ),
]

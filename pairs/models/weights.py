"""A school's weights of the mentor suggestions (what each part of the score is worth)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from mentoring_portal.versioning import Versioned
from pairs.matching import DEFAULT_WEIGHTS, Weights
from participants.models import Organisation

WEIGHT_MAX = 100


def _weight(label: str, name: str, help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        default=getattr(DEFAULT_WEIGHTS, name),
        validators=[MaxValueValidator(WEIGHT_MAX)],
        help_text=help_text,
    )


class MatchingWeights(Versioned):
    """One row per school that changed its weights; a school without one uses the defaults of
    :class:`pairs.matching.Weights`."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="matching_weights",
    )
    difficulties = _weight(
        "Покрытие затруднений",
        "difficulties",
        "Баллы за все затруднения наставляемого, которые покрывают компетенции наставника; "
        "за часть — доля.",
    )
    experience = _weight(
        "Педагогический стаж",
        "experience",
        "Баллы за стаж 20 лет и больше; за меньший — доля.",
    )
    subject = _weight("Тот же предмет", "subject", "Баллы, если предмет совпадает.")
    kind = _weight(
        "Форма наставничества",
        "kind",
        "Баллы, если наставник принимает форму (вид) наставничества, которую просит наставляемый.",
    )
    format = _weight("Формат встреч", "format", "Баллы, если подходит формат встреч.")
    free_places = _weight(
        "Свободные места",
        "free_places",
        "Баллы наставнику с двумя свободными местами и больше; с одним — половина.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="изменил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "веса подбора наставников"
        verbose_name_plural = "веса подбора наставников"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(difficulties__lte=WEIGHT_MAX)
                & models.Q(experience__lte=WEIGHT_MAX)
                & models.Q(subject__lte=WEIGHT_MAX)
                & models.Q(kind__lte=WEIGHT_MAX)
                & models.Q(format__lte=WEIGHT_MAX)
                & models.Q(free_places__lte=WEIGHT_MAX),
                name="matching_weights_at_most_100",
                violation_error_message="Вес не может быть больше 100.",
            ),
            models.CheckConstraint(
                condition=models.Q(difficulties__gt=0)
                | models.Q(experience__gt=0)
                | models.Q(subject__gt=0)
                | models.Q(kind__gt=0)
                | models.Q(format__gt=0)
                | models.Q(free_places__gt=0),
                name="matching_weights_not_all_zero",
                violation_error_message=(
                    "Хотя бы один вес должен быть больше нуля: иначе все наставники получат "
                    "0 баллов."
                ),
            ),
        ]

    def __str__(self):
        return f"Веса подбора: {self.organisation}"

    def as_weights(self) -> Weights:
        return Weights(**{name: getattr(self, name) for name in WEIGHT_NAMES})


WEIGHT_NAMES = ("difficulties", "experience", "subject", "kind", "format", "free_places")


def school_weights(organisation) -> Weights:
    """The weights the school's suggestions use (one query): its own, else the defaults."""
    row = MatchingWeights.objects.filter(organisation=organisation).first()
    return row.as_weights() if row is not None else DEFAULT_WEIGHTS

"""Forms of mentoring (формы наставничества): a managed list seeded by a data migration."""

from django.db import models


class MentoringForm(models.Model):
    """A form of the target model («учитель – учитель») or a kind used for teachers
    («флеш-наставничество»). ``kind_code`` links a kind to the participants' ``MentoringKind``
    that mentees ask for and mentors offer, so suggestions can compare them."""

    class Group(models.TextChoices):
        FORM = "form", "Форма наставничества (целевая модель)"
        KIND = "kind", "Вид наставничества педагогов"

    group = models.CharField("раздел", max_length=10, choices=Group, default=Group.FORM)
    name = models.CharField("название", max_length=200, unique=True)
    kind_code = models.CharField(
        "код вида в анкетах",
        max_length=20,
        blank=True,
        help_text="Вид наставничества из анкет наставника и запроса наставляемого.",
    )
    description = models.TextField("описание", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=100)
    is_active = models.BooleanField("используется", default=True)

    class Meta:
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"
        ordering = ["group", "order", "name"]

    def __str__(self):
        return self.name

"""The school's public section «Наставничество»: what the curator chose to publish.

Nothing here copies a document: a publication points at the approved roadmap or the signed order
it publishes, and says whether people are named in it or replaced («Наставник 1», initials).
The pages are built from those records when asked and kept in the cache under the section's
``stamp``, which every publication, withdrawal and change of a consent moves on.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentoring_portal.files import RandomName
from participants.models import Organisation, Person

slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "Адрес раздела: латинские строчные буквы, цифры и дефисы, например «gimnaziya2-asino».",
    code="slug",
)


class Section(models.Model):
    """One school's public section and its own texts (aims, forms, contacts)."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="public_section",
    )
    slug = models.CharField(
        "адрес раздела",
        max_length=60,
        unique=True,
        validators=[slug_validator],
        help_text="Постоянная часть адреса: /s/<адрес>/. Её ставят в меню сайта школы.",
    )
    is_open = models.BooleanField("раздел открыт", default=False)
    description = models.CharField(
        "описание для поисковых систем",
        max_length=300,
        blank=True,
        help_text="Одно-два предложения: их показывает поисковая система под ссылкой.",
    )
    aims = models.TextField("цели и задачи программы", blank=True)
    forms_text = models.TextField("формы наставничества", blank=True)
    contacts = models.TextField(
        "контакты",
        blank=True,
        help_text="Телефон и почта школы или кабинета куратора. Личные контакты — только с "
        "согласия на распространение.",
    )
    curator = models.ForeignKey(
        Person,
        verbose_name="куратор программы",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Показывается по имени только при согласии на распространение (ст. 10.1 "
        "152-ФЗ), иначе — только должность.",
    )
    mentors_published = models.BooleanField("список наставников опубликован", default=False)
    forms_published = models.BooleanField("бланки для скачивания опубликованы", default=False)
    stamp = models.PositiveBigIntegerField("версия опубликованного", default=1, editable=False)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    class Meta:
        verbose_name = "открытый раздел школы"
        verbose_name_plural = "открытые разделы школ"

    def __str__(self):
        return f"Наставничество: {self.organisation}"


class Names(models.TextChoices):
    FULL = "full", "С именами (у всех названных есть согласие на распространение)"
    REPLACED = "replaced", "Имена заменены («Наставник 1», инициалы)"


class Publication(models.Model):
    """A document of the portal published in the section."""

    class Kind(models.TextChoices):
        REGULATION = "regulation", "Положение о наставничестве"
        ROADMAP = "roadmap", "Дорожная карта"
        ORDER = "order", "Приказ"

    section = models.ForeignKey(
        Section, verbose_name="раздел", on_delete=models.CASCADE, related_name="publications"
    )
    kind = models.CharField("вид", max_length=20, choices=Kind)
    regulation = models.ForeignKey(
        "pairs.Regulation",
        verbose_name="положение о наставничестве",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    roadmap = models.ForeignKey(
        "roadmap.Roadmap",
        verbose_name="дорожная карта",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.ForeignKey(
        "pairs.Order",
        verbose_name="приказ",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    names = models.CharField("люди в документе", max_length=20, choices=Names)
    published_at = models.DateTimeField("опубликован", default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="опубликовал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "опубликованный документ"
        verbose_name_plural = "опубликованные документы"
        ordering = ["kind", "-published_at"]
        constraints = [
            models.UniqueConstraint(fields=["section", "roadmap"], name="public_roadmap_once"),
            models.UniqueConstraint(fields=["section", "order"], name="public_order_once"),
            models.UniqueConstraint(
                fields=["section", "regulation"], name="public_regulation_once"
            ),
            models.CheckConstraint(
                condition=Q(
                    kind="roadmap", roadmap__isnull=False, order__isnull=True, regulation=None
                )
                | Q(kind="order", order__isnull=False, roadmap__isnull=True, regulation=None)
                | Q(kind="regulation", regulation__isnull=False, roadmap=None, order=None),
                name="public_publication_points_at_its_kind",
            ),
        ]

    def __str__(self):
        return str(self.regulation or self.roadmap or self.order)

    @property
    def document(self):
        return self.regulation or self.roadmap or self.order


class Post(models.Model):
    """A news item, a best practice or a «Наставник года» story, with an optional photo."""

    class Kind(models.TextChoices):
        NEWS = "news", "Новость"
        PRACTICE = "practice", "Лучшая практика"
        MENTOR_OF_YEAR = "mentor_of_year", "Наставник года"

    section = models.ForeignKey(
        Section, verbose_name="раздел", on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField("рубрика", max_length=20, choices=Kind, default=Kind.NEWS)
    title = models.CharField("заголовок", max_length=300)
    date = models.DateField("дата", default=timezone.localdate)
    body = models.TextField("текст", help_text="Абзацы разделяйте пустой строкой.")
    photo = models.FileField("фотография", upload_to=RandomName("public"), blank=True)
    photo_alt = models.CharField(
        "описание фотографии",
        max_length=300,
        blank=True,
        help_text="Что на снимке — для тех, кто не видит изображение.",
    )
    people = models.ManyToManyField(
        Person,
        verbose_name="названные и изображённые люди",
        blank=True,
        related_name="+",
        help_text="Все, кого называет текст или видно на фото: публикация — только с их "
        "согласия на распространение.",
    )
    names = models.CharField(
        "люди в тексте", max_length=20, choices=Names, default=Names.FULL, blank=True
    )
    published_at = models.DateTimeField("опубликована", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "материал раздела"
        verbose_name_plural = "материалы раздела"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class SitePackage(models.Model):
    """The section's «Пакет для сайта» (a ZIP of every published PDF and an index page), built by
    a task (public/tasks.py) and kept in storage. It is the section's package while ``built_for``
    is the section's current key (its stamp and the day, as the cached pages are keyed): a
    publication, a withdrawal or a consent changed makes the next download build it again."""

    section = models.OneToOneField(
        Section, verbose_name="раздел", on_delete=models.CASCADE, related_name="site_package"
    )
    # The task names the ZIP itself in this folder (packages/<year>/<random>.zip): RandomName
    # gives the extensions of uploads only.
    file = models.FileField("архив", upload_to=RandomName("packages"), blank=True, max_length=300)
    built_for = models.CharField("собран для версии", max_length=60, blank=True)
    built_at = models.DateTimeField("собран", null=True, blank=True)
    requested_for = models.CharField("заказан для версии", max_length=60, blank=True)
    requested_at = models.DateTimeField("заказан", null=True, blank=True)

    class Meta:
        verbose_name = "пакет для сайта"
        verbose_name_plural = "пакеты для сайта"

    def __str__(self):
        return f"Пакет для сайта: {self.section}"

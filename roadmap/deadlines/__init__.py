"""Сроки мероприятий дорожной карты: разбор свободного текста.

Russian schools write the «Сроки» column of a roadmap as free text: «Октябрь 2021»,
«До 01.12.2021г.», «август-сентябрь 2022 г.», «До 01.10.2022 г., далее постоянно», «ежегодно»,
«После утверждения муниципальных критериев», «до 31 октября», «Второе полугодие 2021 г.» …
:func:`parse_deadline` keeps the text as written and derives what can be derived; what cannot be
understood is returned as :attr:`DeadlineKind.UNKNOWN` with a Russian ``note`` for the curator.
Nothing is guessed silently: every assumption is written into ``note``, and the function never
raises on any input string.

Kinds
-----
* ``DATE``: a concrete place in the calendar. ``due`` is the last day (inclusive), ``start`` the
  first day when the phrase names a span (a month, a range, a half-year, a quarter, an academic
  year, «в течение года»). A single day («01.12.2021», «до 01.12.2021», «не позднее 15.09.2022»)
  has ``start=None``. «с 01.09.2022» / «после 01.09.2022» alone give a ``start`` without ``due``.
  A span with a real end is DATE even when it reads «в течение …»: overdue after ``due`` makes
  sense for it.
* ``YEARLY``: «ежегодно», «раз в год». ``start``/``due`` describe the *first* occurrence: with
  nothing inside the year they are the span of years (the roadmap period, or «2021-2024»); with a
  date or month inside the year («ежегодно в мае», «ежегодно до 31 октября») they are that window
  in its first occurrence within the span. :meth:`Deadline.due_in_year` gives the other years.
* ``PERMANENT``: «постоянно», and the frequencies «ежемесячно», «еженедельно», «ежеквартально»,
  «раз в четверть» … (the frequency goes to ``note``). ``start``/``due`` are the span in which the
  work goes on (the roadmap period unless the text names another). «До 01.10.2022, далее
  постоянно» is PERMANENT with ``due`` = the first due date and ``start=None``.
* ``EVENT``: bound to an event, no dates: «после утверждения …», «по мере необходимости»,
  «по запросу», «по согласованию», «по факту …», «по графику» …
* ``UNKNOWN``: everything else, the empty text and placeholders such as «---».

Normalisation
-------------
Before parsing, the text is NFKC-normalised, lower-cased, «ё» becomes «е», HTML tags are dropped
(``</p>``, ``<br>``, ``</li>`` separate list items: Word exports put several deadlines into one
cell), every kind of dash becomes «-», and the year words after a year are dropped: «г.», «г»,
«гг.», «года», «году», «уч. год», «учебного года», «2021г.» → «2021».

Grammar (after normalisation)
-----------------------------
::

    deadline  := "" | placeholder                        UNKNOWN «срок не указан»
               | dates ["," | "а"] "далее" tail          tail: постоянно, ежегодно, frequency, event
               | event-phrase …                          EVENT (checked first: «по факту …»)
               | … yearly-word …                         YEARLY, the rest is a span and/or a window
               | … frequency-word …                      PERMANENT, the rest is the span
               | … «постоянно» …                         PERMANENT, the rest is the span
               | dates                                   DATE
    dates     := item {("," | ";" | " и ") item}         a list: earliest start … latest due
    item      := ("с" | "от") unit ("по" | "до") unit    a range
               | unit "-" unit                           a range
               | [relation] unit
    relation  := до | в срок до | к | не позднее | не позже | по | до конца | к концу
               | с | начиная с | после | в течение | на протяжении | в период
    unit      := DD.MM[.YY[YY]] | D month [year-ref]     a day
               | month [year-ref]                        «октябрь 2021», «май, 2023», «окт.»
               | (начало | середина | конец) month       a third of a month
               | ordinal "полугодие" [year-ref]          «I полугодие», «второе полугодие 2021»
               | ordinal ("квартал" | "кв.") [year-ref]  calendar quarters
               | ordinal "четверть" [year-ref]           school terms
               | YYYY                                    a calendar year
               | YYYY-YY[YY] | YYYY/YYYY                 an academic year / a span of years
               | «года» | «учебного года» | «периода …» the roadmap period
    year-ref  := YYYY | YYYY-YY[YY]                      a calendar year, or a span to place into
    ordinal   := I | II | III | IV | 1 | 1-е | 1-ое | первое | второе | …

Decisions for ambiguous phrases
-------------------------------
* Placing a unit without a year: the first occurrence lying inside the roadmap period (else the
  first overlapping it). For a period of one academic year (01.09.2024–31.08.2025) this puts
  September–December into the start year and January–August into the end year. The note says
  «год взят из периода дорожной карты», plus «первое вхождение в период» for longer periods.
  Without a period and without a year: UNKNOWN; the year is never guessed.
* «YYYY-YYYY» (with or without «гг.», «уч. год») is read in the academic sense: 01.09 of the first
  year … 31.08 of the last, unless the roadmap period has exactly these years, then the period
  itself is used. A single «2021» is the calendar year.
* «до X» means «by the first day of X»: «до 01.10.2022» → 01.10.2022, «до октября 2022» →
  01.10.2022 (noted). «не позднее X», «по X», «до конца X» mean the last day of X. «к X» is the
  first day of X. «после X» starts the day after X.
* A range whose second end carries the year lends it to the first end: «август-сентябрь 2022» is
  01.08.2022–30.09.2022. If the first end would then come after the second, it goes to the
  previous year: «ноябрь-январь 2022» is 01.11.2021–31.01.2022 (noted). A range without years is
  placed from its first end: «ноябрь-январь» in 2024/2025 is 01.11.2024–31.01.2025.
* Half-years with a calendar year are calendar half-years: «второе полугодие 2021» is
  01.07.2021–31.12.2021 (noted, since schools sometimes mean the school half-year). Half-years of
  an academic year («второе полугодие 2024-2025 учебного года») and bare half-years in a
  school-year roadmap (the period starts in July–December) are school half-years: the first is
  September–December, the second January–May (summer holidays are not part of it).
* Quarters are always calendar quarters. School terms (четверти) are approximated as
  сентябрь–октябрь, ноябрь–декабрь, январь–март, апрель–май (noted).
* «начало / середина / конец <месяца>» are the days 1–10, 11–20 and 21–end (noted).
* «в течение года», «в течение учебного года», «в течение периода …»: the roadmap period as a
  DATE span (UNKNOWN without a period).
* A list («Июль 2021 г., Второе полугодие 2021 г.») is DATE from the earliest day to the latest
  day named; an item without a year takes it from the next item that has one. Event items in a
  list («октябрь 2021, по запросу») are kept in the note.
* «ежегодно в мае» without any period (and without a span of years) is UNKNOWN: the first
  occurrence cannot be placed.
* A date that does not exist («31.02.2022») and years outside 1900–2200 are UNKNOWN.
"""

from roadmap.deadlines.model import Deadline, DeadlineKind
from roadmap.deadlines.parser import parse_deadline
from roadmap.deadlines.shifting import ShiftedDeadline, shift_deadline, shift_deadline_text

__all__ = [
    "Deadline",
    "DeadlineKind",
    "ShiftedDeadline",
    "parse_deadline",
    "shift_deadline",
    "shift_deadline_text",
]

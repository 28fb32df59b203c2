"""A campaign's results per question: the distribution of answers and, for a scale, the mean."""

from collections import Counter
from dataclasses import dataclass, field

from monitoring.models import Answer, Campaign, Question


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    average: float | None = None
    # (label, count, percent of those who answered the question)
    distribution: list[tuple[str, int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def campaign_results(campaign: Campaign) -> list[QuestionResult]:
    """Two queries, whatever the number of answers."""
    questions = list(campaign.questionnaire.questions.all())
    results = {question.pk: QuestionResult(question) for question in questions}
    counters = {question.pk: Counter() for question in questions}
    answers = Answer.objects.filter(response__campaign=campaign).values_list(
        "question_id", "number", "text", "choices"
    )
    sums = Counter()
    for question_id, number, text, choices in answers.iterator():
        result = results.get(question_id)
        if result is None:
            continue
        result.count += 1
        kind = result.question.kind
        if kind == Question.Kind.SCALE and number is not None:
            counters[question_id][str(number)] += 1
            sums[question_id] += number
        elif kind == Question.Kind.YES_NO and number is not None:
            counters[question_id]["Да" if number else "Нет"] += 1
        elif kind == Question.Kind.SINGLE:
            counters[question_id][text] += 1
        elif kind == Question.Kind.MULTIPLE:
            counters[question_id].update(choices)
        elif text:
            result.texts.append(text)
    for question in questions:
        result, counter = results[question.pk], counters[question.pk]
        if question.kind == Question.Kind.SCALE:
            labels = [str(n) for n in range(1, 11)]
            if result.count:
                result.average = round(sums[question.pk] / result.count, 2)
        elif question.kind == Question.Kind.YES_NO:
            labels = ["Да", "Нет"]
        else:
            labels = question.choice_list()
            labels += [label for label in counter if label not in labels]
        if question.kind != Question.Kind.TEXT:
            result.distribution = [
                (label, counter[label], round(100 * counter[label] / result.count))
                if result.count
                else (label, 0, 0)
                for label in labels
            ]
    return [results[question.pk] for question in questions]

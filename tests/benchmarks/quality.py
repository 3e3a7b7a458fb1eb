"""Item quality: a bank of 1,000 questions and 500 notes (the fixture articles' drafts, and distinct
made-up items in the same words); time the item-quality page, the question bank and the quiz builder,
with the checks' caches cold (a fresh server) and warm."""

import random
import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

from quizzes.content import reader
from quizzes.content.generation import generator
from quizzes.items import notes as notes_service
from quizzes.items.itemwriting import checks
from quizzes.models import Choice, Course, Lesson, Membership, Question, Quiz, QuizItem, User
from quizzes.models.people import Role
from tests.benchmarks import measure, report, section
from tests.benchmarks.importing import forget_checks

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
QUESTIONS, NOTES = 1_000, 500
PAGE_TARGET = 0.5
QUESTION_KINDS = ("single", "multiple", "true_false")


def _drafts() -> list:
    found = []
    for path in sorted(ARTICLES.iterdir()):
        found += generator.generate(reader.read(path.read_bytes()).outline)  # any format, Word too
    return found


def _made_up(count: int, vocabulary: list[str], rng: random.Random) -> list[tuple[str, str, list]]:
    """Distinct single-best-answer questions in the articles' words: (kind, stem, [(option, correct)])."""
    made = []
    for n in range(count):
        picked = rng.sample(vocabulary, 9)
        stem = (
            f"A {20 + n % 60}-year-old with {picked[0]} {picked[1]} and {picked[2]} {picked[3]} develops "
            f"{picked[4]} nodules. Which {picked[5]} is most likely?"
        )
        options = [(f"{picked[6]} {w}".capitalize(), i == 0) for i, w in enumerate(rng.sample(vocabulary, 4))]
        made.append(("single", stem, options))
    return made


def _seed(course: Course) -> Quiz:
    lesson = Lesson.objects.create(course=course, title="Everything", slug="everything")
    drafts = _drafts()
    cards = [d for d in drafts if d.kind in ("basic", "cloze")]
    asked = []
    for d in (d for d in drafts if d.kind in QUESTION_KINDS):
        keys = set(d.answer.splitlines())
        texts = ("True", "False") if d.kind == "true_false" else d.options
        asked.append((d.kind, d.prompt, [(t, t in keys) for t in texts]))
    text = " ".join(
        p.read_bytes().decode("utf-8", "replace") for p in ARTICLES.iterdir() if p.suffix != ".docx"
    )  # some pages are in other charsets; the words are only a vocabulary
    vocabulary = sorted({w.lower() for w in re.findall(r"[A-Za-z]{5,}", text)})
    asked += _made_up(QUESTIONS - len(asked), vocabulary, random.Random(13))
    questions = Question.objects.bulk_create(
        Question(course=course, lesson=lesson, kind=kind, stem=stem, status="published")
        for kind, stem, _ in asked
    )
    Choice.objects.bulk_create(
        Choice(question=question, order=i, text=t, is_correct=c)
        for question, (_, _, options) in zip(questions, asked, strict=True)
        for i, (t, c) in enumerate(options)
    )
    for n in range(NOTES):
        card = cards[n % len(cards)]
        text = f"{card.prompt} ({n})"
        fields = {"text": text} if card.kind == "cloze" else {"front": text, "back": card.answer}
        notes_service.create_note(course=course, lesson=lesson, kind=card.kind, **fields)
    quiz = Quiz.objects.create(course=course, title="Bench quiz", shuffle_options=False)
    QuizItem.objects.bulk_create(
        QuizItem(quiz=quiz, question=q, order=n) for n, q in enumerate(questions[:40])
    )
    return quiz


def run(out) -> None:
    with section(out, f"Item quality: {QUESTIONS:,} questions and {NOTES} notes"):
        course = Course.objects.create(title="Bench quality", slug="bench-quality")
        quiz = _seed(course)
        educator = User.objects.create_user("bench-educator", password="x")
        Membership.objects.create(user=educator, course=course, role=Role.EDUCATOR)
        client = Client()
        client.force_login(educator)
        pages = {
            "item-quality page": reverse("quality_report", args=[course.slug]),
            "question bank, filtered by a flag": reverse("questions_bank", args=[course.slug])
            + "?flag=errors",
            "quiz builder (40 chosen questions)": reverse("quizbuilder_detail", args=[course.slug, quiz.pk]),
        }
        for name, url in pages.items():

            def get(url=url):
                forget_checks()
                checks._check_set.cache_clear()
                assert client.get(url).status_code == 200

            report(out, f"{name} (checks cold)", measure(get, repeat=3), PAGE_TARGET)
            report(out, f"{name} (checks cached)", measure(lambda url=url: client.get(url)), PAGE_TARGET)

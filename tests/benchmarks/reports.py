"""Reports: a course of 1,000 students, 100 questions, 20 quizzes, 100,000 responses and
200,000 review logs; time the cohort report, item analysis, a student dashboard and
the CSV export of every response (streamed, with its peak memory)."""

import datetime as dt
import random
import time
import tracemalloc

from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import (
    Attempt,
    Card,
    CardState,
    Course,
    Lesson,
    LessonRead,
    Membership,
    Note,
    Question,
    QuestionVersion,
    Quiz,
    QuizItem,
    Response,
    ReviewLog,
    User,
)
from tests.benchmarks import measure, report, section

STUDENTS = 1_000
LESSONS = 10
QUESTIONS = 100
QUIZZES = 20
PER_QUIZ = QUESTIONS // QUIZZES  # 5: 1,000 x 20 attempts x 5 = 100,000 responses
CARDS = 50
LOGS = 200_000
PAGE_TARGET = 0.5
CSV_TARGET = 5.0
BATCH = 5_000
OPTIONS = ("a", "b", "c", "d")


def _content(n: int) -> dict:
    return {
        "kind": "single",
        "stem": f"Which option is right for question {n}?",
        "explanation": "",
        "choices": [
            {"id": o, "text": f"Option {o.upper()} of {n}", "correct": o == "a", "explanation": ""}
            for o in OPTIONS
        ],
    }


def seed(now: dt.datetime):
    rng = random.Random(6)
    course = Course.objects.create(title="Bench cohort", slug="bench-reports")
    lead = User.objects.create(username="bench-lead")
    Membership.objects.create(user=lead, course=course, role="lead")
    lessons = Lesson.objects.bulk_create(
        [Lesson(course=course, order=i, title=f"Lesson {i}", slug=f"lesson-{i}") for i in range(LESSONS)]
    )
    questions = Question.objects.bulk_create(
        [
            Question(
                course=course, lesson=lessons[i % LESSONS], kind="single", stem=f"Q{i}", status="published"
            )
            for i in range(QUESTIONS)
        ]
    )
    versions = QuestionVersion.objects.bulk_create(
        [
            QuestionVersion(question=q, number=1, content=_content(i), checksum=f"{i:064d}")
            for i, q in enumerate(questions)
        ]
    )
    quizzes = Quiz.objects.bulk_create(
        [Quiz(course=course, title=f"Quiz {i:02d}", pass_mark=60, is_published=True) for i in range(QUIZZES)]
    )
    QuizItem.objects.bulk_create(
        [
            QuizItem(quiz=quiz, question=questions[q * PER_QUIZ + slot], order=slot)
            for q, quiz in enumerate(quizzes)
            for slot in range(PER_QUIZ)
        ]
    )
    zones = ("Europe/London", "America/New_York", "Australia/Sydney", "UTC", "Asia/Kolkata")
    students = User.objects.bulk_create(
        [User(username=f"student{i:04d}", timezone=zones[i % len(zones)]) for i in range(STUDENTS)],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [Membership(user=u, course=course, role="student") for u in students], batch_size=BATCH
    )
    LessonRead.objects.bulk_create(
        [LessonRead(user=u, lesson=lesson) for u in students for lesson in lessons if rng.random() < 0.6],
        batch_size=BATCH,
    )
    ability = {u.pk: rng.gauss(0, 1) for u in students}
    difficulty = [rng.gauss(0, 1) for _ in questions]
    attempts = Attempt.objects.bulk_create(
        [
            Attempt(
                quiz=quiz,
                user=u,
                number=1,
                state="submitted",
                submitted_at=now - dt.timedelta(days=rng.uniform(0, 84)),
                max_score=PER_QUIZ,
            )
            for u in students
            for quiz in quizzes
        ],
        batch_size=BATCH,
    )
    responses, totals = [], {}
    for attempt in attempts:
        q0 = (attempt.quiz_id - quizzes[0].pk) * PER_QUIZ
        total = 0.0
        for slot in range(PER_QUIZ):
            n = q0 + slot
            right = rng.random() < 1 / (1 + 2.718 ** (difficulty[n] - ability[attempt.user_id]))
            choice = "a" if right else rng.choice(OPTIONS[1:3])  # nobody picks D: a flag
            total += right
            responses.append(
                Response(
                    attempt=attempt,
                    question=questions[n],
                    version=versions[n],
                    slot=slot,
                    answer={"choice": choice},
                    score=float(right),
                    answered_at=attempt.submitted_at,
                )
            )
        totals[attempt.pk] = total
    Response.objects.bulk_create(responses, batch_size=BATCH)
    for attempt in attempts:
        attempt.score = totals[attempt.pk]
    Attempt.objects.bulk_update(attempts, ["score"], batch_size=BATCH)

    notes = Note.objects.bulk_create(
        [
            Note(
                course=course,
                lesson=lessons[i % LESSONS],
                kind="basic",
                front=f"F{i}",
                back=f"B{i}",
                status="published",
            )
            for i in range(CARDS)
        ]
    )
    cards = Card.objects.bulk_create([Card(note=n, ord=0) for n in notes])
    CardState.objects.bulk_create(
        [
            CardState(
                user=u,
                card=card,
                state=2,
                stability=rng.uniform(1, 60),
                difficulty=5,
                last_review=(last := now - dt.timedelta(days=rng.uniform(0, 30))),
                due=last + dt.timedelta(days=rng.uniform(1, 45)),
                reps=4,
            )
            for u in students
            for card in cards
        ],
        batch_size=BATCH,
    )
    ReviewLog.objects.bulk_create(
        [
            ReviewLog(
                user=students[i % STUDENTS],
                card=cards[(i // STUDENTS) % CARDS],
                rating=rng.choice((1, 3, 3, 3, 3, 4)),
                reviewed_at=now - dt.timedelta(days=rng.uniform(0, 365)),
                kind=2,
                state_before={},
            )
            for i in range(LOGS)
        ],
        batch_size=BATCH,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return course, lead, students[0], quizzes[0]


def run(out) -> None:
    with section(
        out,
        f"Reports: {STUDENTS:,} students, {Response.__name__.lower()}s and reviews on {connection.vendor}",
    ):
        start = time.perf_counter()
        course, lead, student, quiz = seed(timezone.now())
        out.write(
            f"   seeded {Response.objects.count():,} responses and {ReviewLog.objects.count():,} review logs "
            f"in {time.perf_counter() - start:.1f} s\n"
        )
        staff, learner = Client(), Client()
        staff.force_login(lead)
        learner.force_login(student)

        def get(client, name, *args, query=""):
            response = client.get(reverse(name, args=[course.slug, *args]) + query)
            assert response.status_code == 200, (name, response.status_code)
            return response

        report(
            out,
            "cohort report page (1,000 students, 50 shown)",
            measure(lambda: get(staff, "reports_cohort")),
            PAGE_TARGET,
        )
        report(
            out,
            "cohort report sorted by retention, at-risk only",
            measure(lambda: get(staff, "reports_cohort", query="?sort=-retention&flag=at-risk")),
            PAGE_TARGET,
        )
        report(
            out,
            "item analysis page (first attempts)",
            measure(lambda: get(staff, "reports_items", quiz.pk)),
            PAGE_TARGET,
        )
        report(
            out,
            "item analysis page (all attempts)",
            measure(lambda: get(staff, "reports_items", quiz.pk, query="?attempts=all")),
            PAGE_TARGET,
        )
        report(out, "class heat map page", measure(lambda: get(staff, "reports_heatmap")), PAGE_TARGET)
        report(out, "student dashboard", measure(lambda: get(learner, "progress_dashboard")), PAGE_TARGET)
        report(
            out,
            "student drill-down (lead's view)",
            measure(lambda: get(staff, "reports_student", student.pk)),
            PAGE_TARGET,
        )

        def export(name):
            response = get(staff, name)
            return sum(len(chunk) for chunk in response.streaming_content)

        report(out, "cohort CSV export", measure(lambda: export("reports_cohort_csv"), repeat=3), PAGE_TARGET)
        seconds = measure(lambda: export("reports_responses_csv"), repeat=3)
        report(out, "responses CSV export (100,000 rows, streamed)", seconds, CSV_TARGET)
        tracemalloc.start()
        size = export("reports_responses_csv")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out.write(f"   responses CSV: {size / 1e6:.1f} MB streamed, peak Python memory {peak / 1e6:.1f} MB\n")

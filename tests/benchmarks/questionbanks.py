"""Question banks: read, plan and import 500 Moodle questions (50 with a photo); export them again."""

import io
import tempfile

from django.test import override_settings
from PIL import Image

from quizzes.interchange import questionexport, questionimport
from quizzes.interchange.bankfile import BankChoice, BankImage, BankQuestion, Part
from quizzes.interchange.moodlexml import writer
from quizzes.models import Course, Question
from tests.benchmarks import measure, report, section

QUESTIONS, PHOTOS = 500, 50
TARGET_IMPORT = 5.0  # seconds for 500 questions: an educator waits on one page
TARGET_EXPORT = 2.0


def _photo(n: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 150 + n % 50, 130)).save(out, "JPEG", quality=85)
    return out.getvalue()


def _bank() -> bytes:
    found = []
    for n in range(QUESTIONS):
        images = [BankImage(f"photo{n}.jpg", f"Photo {n}", _photo(n))] if n < PHOTOS else []
        choices = [
            BankChoice(Part(f"Option {n}.{k}"), 1.0 if k == 0 else 0.0, Part(f"Why {k}")) for k in range(5)
        ]
        found.append(
            BankQuestion(
                kind="single",
                where="",
                name=f"bench-{n}",
                category=("Bench", f"Lesson {n // 50}"),
                stem=Part(f"<p>Question {n}: which <b>one</b> is right?</p>", "html", images),
                explanation=Part(f"Explanation {n}."),
                choices=choices,
            )
        )
    return writer.write(found).encode("utf-8")


def run(out) -> None:
    data = _bank()
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media),
        section(
            out, f"Import a Moodle XML bank ({QUESTIONS} questions, {PHOTOS} photos, {len(data) // 1024} kB)"
        ),
    ):
        course = Course.objects.create(title="Bench bank", slug="bench-bank")

        def read_and_plan():
            file_format, bank = questionimport.read_file(data, "bench.xml")
            return questionimport.plan(
                course=course,
                bank=bank,
                filename="bench.xml",
                file_format=file_format,
                default_lesson=None,
            )

        report(out, "read + plan (the preview)", measure(read_and_plan, repeat=3), TARGET_IMPORT)

        def fresh_import():
            Question.objects.filter(course=course).delete()
            questionimport.import_questions(course=course, plan=read_and_plan())

        report(out, "read + plan + import (one transaction)", measure(fresh_import, repeat=3), TARGET_IMPORT)
        for file_format in (questionimport.GIFT, questionimport.MOODLE_XML):
            seconds = measure(lambda f=file_format: questionexport.export(course, file_format=f), repeat=3)
            report(out, f"export {QUESTIONS} questions as {file_format}", seconds, TARGET_EXPORT)

"""factory-boy factories, one per model."""

import datetime as dt
import io
import itertools

import factory
from django.utils import timezone
from lti_tool.factories import (
    LtiContextFactory,
    LtiRegistrationFactory,
    LtiResourceLinkFactory,
    LtiUserFactory,
)
from PIL import Image as PILImage
from PIL import PngImagePlugin

from quizzes import models as m
from quizzes.assessment import secrecy
from quizzes.items import images
from quizzes.models.people import Role
from quizzes.models.study import FsrsState


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Course

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Membership

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
    role = Role.STUDENT


class RemovalFactory(factory.django.DjangoModelFactory):
    """A student removed from a course (they cannot re-join by code)."""

    class Meta:
        model = m.Removal

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
    removed_by = None


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Article

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    source = "DermNet"
    authors = factory.LazyFunction(lambda: ["Dr A Author"])
    last_reviewed = "February 2024"
    raw_text = "Article\n\nWhat is it?\n\nIt is a thing."
    checksum = factory.Sequence(lambda n: f"{n:064d}")


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Lesson

    course = factory.SubFactory(CourseFactory)
    article = None
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Lesson {n}?")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(
        lambda: {
            "blocks": [{"kind": "paragraph", "text": "A paragraph. The article says so."}],
            "subsections": [],
        }
    )


class LessonReadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.LessonRead

    user = factory.SubFactory(UserFactory)
    lesson = factory.SubFactory(LessonFactory)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Tag

    course = factory.SubFactory(CourseFactory)
    name = factory.Sequence(lambda n: f"tag{n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A published single-best-answer question with four options, the first correct."""

    class Meta:
        model = m.Question
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    lesson = factory.SubFactory(LessonFactory, course=factory.SelfAttribute("..course"))
    kind = "single"
    stem = factory.Sequence(lambda n: f"Which drug treats condition {n}?")
    explanation = "Because the article says so."
    source_spans = factory.LazyFunction(list)
    status = "published"

    @factory.post_generation
    def choices(obj, create, extracted, **kwargs):
        if not create or obj.kind == "matching":
            return
        if extracted is not None:
            specs = extracted
        elif obj.kind == "true_false":
            specs = [("True", True), ("False", False)]
        else:
            specs = [
                ("Right answer", True),
                ("Wrong one", False),
                ("Wrong two", False),
                ("Wrong three", False),
            ]
        for order, (text, correct) in enumerate(specs):
            m.Choice.objects.create(question=obj, order=order, text=text, is_correct=correct)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Choice

    question = factory.SubFactory(QuestionFactory, choices=[])
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Option {n}")
    is_correct = False


class MatchingQuestionFactory(QuestionFactory):
    kind = "matching"
    stem = "Match each cause to its type of calcinosis cutis."

    @factory.post_generation
    def pairs(obj, create, extracted, **kwargs):
        if not create:
            return
        specs = extracted or [
            ("Milk-alkali syndrome", "Metastatic"),
            ("Sarcoidosis", "Metastatic"),
            ("Repeated heel sticks in newborns", "Iatrogenic"),
            ("", "Idiopathic"),
        ]
        for order, (premise, answer) in enumerate(specs):
            m.MatchingPair.objects.create(question=obj, order=order, premise=premise, answer=answer)


class MatchingPairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.MatchingPair

    question = factory.SubFactory(QuestionFactory, kind="matching")
    order = factory.Sequence(lambda n: n)
    premise = factory.Sequence(lambda n: f"Premise {n}")
    answer = "Metastatic"


class QuestionVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.QuestionVersion

    question = factory.SubFactory(QuestionFactory)
    number = factory.Sequence(lambda n: n + 1)
    content = factory.LazyFunction(
        lambda: {
            "kind": "single",
            "stem": "Which?",
            "explanation": "",
            "choices": [
                {"id": "a", "text": "Right", "correct": True, "explanation": ""},
                {"id": "b", "text": "Wrong", "correct": False, "explanation": ""},
                {"id": "c", "text": "Wrong too", "correct": False, "explanation": ""},
            ],
        }
    )
    checksum = factory.Sequence(lambda n: f"{n:064d}")


class QuizFactory(factory.django.DjangoModelFactory):
    """A published quiz whose review options are its mode's defaults unless given."""

    class Meta:
        model = m.Quiz

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Quiz {n}")
    mode = "tutor"
    is_published = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        return secrecy.review_defaults(kwargs["mode"]) | kwargs


class QuizItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.QuizItem

    quiz = factory.SubFactory(QuizFactory)
    question = factory.SubFactory(QuestionFactory, course=factory.SelfAttribute("..quiz.course"))
    order = factory.Sequence(lambda n: n)


class QuizRandomRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.QuizRandomRule

    quiz = factory.SubFactory(QuizFactory)
    count = 5


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Attempt

    quiz = factory.SubFactory(QuizFactory)
    user = factory.SubFactory(UserFactory)
    number = 1
    state = "in_progress"


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Response

    attempt = factory.SubFactory(AttemptFactory)
    version = factory.SubFactory(QuestionVersionFactory)
    question = factory.SelfAttribute("version.question")
    slot = factory.Sequence(lambda n: n)


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Note

    course = factory.SubFactory(CourseFactory)
    lesson = factory.SubFactory(LessonFactory, course=factory.SelfAttribute("..course"))
    kind = "basic"
    front = factory.Sequence(lambda n: f"Front {n}")
    back = factory.Sequence(lambda n: f"Back {n}")
    status = "published"


class LessonAddendumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.LessonAddendum

    lesson = factory.SubFactory(LessonFactory)
    title = factory.Sequence(lambda n: f"Addendum {n}")
    body = "A point the article leaves out."
    reference = "Author A. A paper. A Journal. 2020;1(1):1-2."
    author = None


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Card

    note = factory.SubFactory(NoteFactory)
    ord = 0


class CardStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CardState

    user = factory.SubFactory(UserFactory)
    card = factory.SubFactory(CardFactory)
    due = factory.LazyFunction(timezone.now)

    class Params:
        # A card in review, last seen ten days ago (give `stability`, `due`, `last_review` as a test needs).
        reviewed = factory.Trait(
            state=FsrsState.REVIEW,
            stability=10.0,
            difficulty=5.0,
            last_review=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10)),
            reps=3,
            version=3,
        )


class ReviewLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ReviewLog

    user = factory.SubFactory(UserFactory)
    card = factory.SubFactory(CardFactory)
    rating = 3
    reviewed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    state_before = factory.LazyFunction(dict)


class CardBoostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CardBoost

    response = factory.SubFactory(ResponseFactory)
    user = factory.SelfAttribute("response.attempt.user")
    card = factory.SubFactory(CardFactory)
    created_at = factory.LazyFunction(timezone.now)


class PersonalExamDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PersonalExamDate

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
    exam_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Draft

    course = factory.SubFactory(CourseFactory)
    article = factory.SubFactory(ArticleFactory, course=factory.SelfAttribute("..course"))
    lesson = factory.SubFactory(LessonFactory, course=factory.SelfAttribute("..course"))
    key = factory.Sequence(lambda n: f"basic:{n:08x}")
    kind = "basic"
    payload = factory.LazyFunction(lambda: {"kind": "basic", "prompt": "Q?", "answer": "A", "options": []})
    excerpt = "A"


class LtiPlatformSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.LtiPlatformSettings

    registration = factory.SubFactory(LtiRegistrationFactory)


class LtiCourseLinkFactory(factory.django.DjangoModelFactory):
    """An LMS course (django-lti's context, with its registration and deployment) linked to a course."""

    class Meta:
        model = m.LtiCourseLink

    context = factory.SubFactory(LtiContextFactory)
    course = factory.SubFactory(CourseFactory)


class LtiPlacementFactory(factory.django.DjangoModelFactory):
    """An LMS link that opens a quiz (with its LMS grade column)."""

    class Meta:
        model = m.LtiPlacement

    resource_link = factory.SubFactory(LtiResourceLinkFactory)
    course = factory.SubFactory(CourseFactory)
    kind = "quiz"
    quiz = factory.SubFactory(QuizFactory, course=factory.SelfAttribute("..course"))
    line_item_url = factory.Sequence(lambda n: f"https://lms.example/lineitems/{n}/lineitem")


class GradePassbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.GradePassback

    placement = factory.SubFactory(LtiPlacementFactory)
    attempt = factory.SubFactory(
        AttemptFactory,
        quiz=factory.SelfAttribute("..placement.quiz"),
        state="submitted",
        score=1,
        max_score=2,
    )
    lti_user = factory.SubFactory(LtiUserFactory, auth_user=factory.SelfAttribute("..attempt.user"))
    score_given = 50.0
    timestamp = factory.LazyFunction(timezone.now)
    next_try_at = factory.LazyFunction(timezone.now)


class LtiStoredValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.LtiStoredValue

    key = factory.Sequence(lambda n: f"lti1p3-value-{n}")
    value = True
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=1))


def marked_question(course, lesson, n):
    """A single-best-answer question whose key and explanations are unique marker strings.

    Its correct option is "KEYTEXT n" (order 0), explained by "WHYRIGHT n"; the
    distractors' explanations are "WHYWRONG n" and the overall one "OVERALLWHY n",
    its teaching note "TEACHNOTE n" (reference "TEACHREF n"), so a page can be
    searched for anything it must not show yet.
    """
    question = QuestionFactory(
        course=course,
        lesson=lesson,
        stem=f"Stem {n}?",
        explanation=f"OVERALLWHY {n}",
        teaching_note=f"TEACHNOTE {n}",
        teaching_note_reference=f"TEACHREF {n}",
        choices=[],
    )
    ChoiceFactory(
        question=question, order=0, text=f"KEYTEXT {n}", is_correct=True, explanation=f"WHYRIGHT {n}"
    )
    for order in (1, 2, 3):
        ChoiceFactory(
            question=question, order=order, text=f"Distractor {n}.{order}", explanation=f"WHYWRONG {n}"
        )
    return question


def png_bytes(color=(200, 60, 60), size=(8, 6), **info) -> bytes:
    """A small real PNG (``info``: text chunks to embed, e.g. ``Comment="GPS..."``)."""
    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_text(key, value)
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, "PNG", pnginfo=meta)
    return out.getvalue()


class ImageFileFactory(factory.django.DjangoModelFactory):
    """A stored, verified image file of a course (its bytes written through the storage API)."""

    class Meta:
        model = m.ImageFile

    course = factory.SubFactory(CourseFactory)

    _colors = itertools.count()

    @classmethod
    def _create(cls, model_class, *args, course=None, data=None, **kwargs):
        shade = next(cls._colors)
        verified = images.verify(data or png_bytes(color=(shade % 256, shade // 256 % 256, 90)))
        return images.store_file(course=course, image=verified)


class ImageFactory(factory.django.DjangoModelFactory):
    """An image after a question's stem (pass ``slot``/``choice``/``note`` for elsewhere)."""

    class Meta:
        model = m.Image

    question = factory.SubFactory(QuestionFactory)
    file = factory.SubFactory(
        ImageFileFactory,
        course=factory.LazyAttribute(lambda o: (o.factory_parent.question or o.factory_parent.note).course),
    )
    slot = "stem"
    order = factory.Sequence(lambda n: n)
    alt = factory.Sequence(lambda n: f"Chalky nodules on the fingertips, photo {n}")


def clone_set(course, lesson, quiz=None) -> list:
    """Three published questions sharing one option set (an item-writing clone set), in ``quiz`` if given."""
    made = []
    for cause in ("Sarcoidosis", "Milk-alkali syndrome", "Chronic renal failure"):
        question = QuestionFactory(
            course=course,
            lesson=lesson,
            stem=f"Which type of calcinosis cutis is caused by {cause.lower()}?",
            choices=[("Metastatic", True), ("Dystrophic", False), ("Idiopathic", False)],
        )
        if quiz is not None:
            QuizItemFactory(quiz=quiz, question=question)
        made.append(question)
    return made


class RegradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Regrade

    question = factory.SubFactory(QuestionFactory)
    course = factory.SelfAttribute("question.course")
    version = factory.SubFactory(QuestionVersionFactory, question=factory.SelfAttribute("..question"))
    method = "regrade"
    reason = "The key was wrong."


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AuditEntry

    course = factory.SubFactory(CourseFactory)
    action = "join_code_renewed"
    object_type = "course"

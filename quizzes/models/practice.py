"""Quizzes and attempts: what a student answered, and how it scored."""

from django.conf import settings
from django.db import models

from . import limits
from .content import Lesson
from .limits import bounded_text
from .people import Course
from .questions import Question, QuestionVersion


class QuizMode(models.TextChoices):
    TUTOR = "tutor", "Tutor (feedback after each answer)"
    EXAM = "exam", "Exam (feedback after submitting)"
    INTERACTIVE = (
        "interactive",
        "Interactive with multiple tries (a hint and another try after a wrong answer)",
    )


# The penalty for each wrong try in interactive mode, as a fraction of the question's mark (Moodle's list).
TRY_PENALTIES = [
    (0.0, "0%"),
    (0.1, "10%"),
    (0.2, "20%"),
    (0.25, "25%"),
    (1 / 3, "33.3%"),
    (0.5, "50%"),
    (1.0, "100%"),
]


# Review options, as in Moodle: what a student sees of a submitted attempt in each phase.
# Field ``review_<phase>_<item>``; the rule that reads them is quizzes.assessment.secrecy.
REVIEW_PHASES = ("after", "open", "closed")  # right after submitting, later while open, after close
REVIEW_ITEMS = ("score", "marks", "answers", "explanations")


def passes(score: float | None, max_score: float | None, pass_mark: float) -> bool | None:
    """Does ``score`` of ``max_score`` reach ``pass_mark`` percent (None without a score)? The percent
    is rounded so that three thirds of a mark reach 100% despite float error."""
    if score is None or not max_score:
        return None
    return round(100.0 * score / max_score, 6) >= pass_mark


def review_field(phase: str, item: str) -> str:
    """The Quiz field that says whether ``item`` shows in ``phase`` (see REVIEW_PHASES, REVIEW_ITEMS)."""
    return f"review_{phase}_{item}"


class GradingMethod(models.TextChoices):
    """How a student's attempts make their grade on a quiz (Moodle's choices; highest is its default)."""

    HIGHEST = "highest", "Highest grade"
    AVERAGE = "average", "Average grade"
    FIRST = "first", "First attempt"
    LAST = "last", "Last attempt"


class QuizQuerySet(models.QuerySet):
    def shared(self):
        """Quizzes an educator built for the course (not a student's practice set)."""
        return self.filter(owner__isnull=True)

    def of_course(self, course):
        """The quizzes educators built for ``course`` (published or not; no practice sets)."""
        return self.shared().filter(course=course)

    def takeable_by(self, user):
        """Shared quizzes and ``user``'s own practice sets (never another student's)."""
        return self.filter(models.Q(owner__isnull=True) | models.Q(owner=user))

    def for_students(self, course):
        """The course's published, shared quizzes (open or not)."""
        return self.shared().filter(course=course, is_published=True)

    def practice_sets_of(self, user, course):
        """The custom practice sets `user` built in `course`; nobody else sees them."""
        return self.filter(course=course, owner=user)


class Quiz(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(max_length=200)
    key = models.CharField(max_length=100, blank=True)
    description = bounded_text(limits.DESCRIPTION, blank=True)
    mode = models.CharField(max_length=11, choices=QuizMode.choices, default=QuizMode.TUTOR)
    time_limit_minutes = models.PositiveIntegerField(null=True, blank=True)
    attempts_allowed = models.PositiveIntegerField(default=0, help_text="0 means unlimited.")
    shuffle_questions = models.BooleanField(default=False)
    shuffle_options = models.BooleanField(default=True)
    pass_mark = models.PositiveIntegerField(default=50, help_text="Percentage needed to pass.")
    grading_method = models.CharField(
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
        help_text="With several attempts: which makes the grade (sent to the LMS gradebook).",
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    is_published = models.BooleanField(default=False)
    # Closed book: while a student's attempt is in progress, the course's lessons and flashcards are hidden.
    closed_book = models.BooleanField(default=False)
    # Certainty-based marking (quizzes.items.marking): each answer comes with low / medium / high certainty.
    certainty_based_marking = models.BooleanField(default=False)
    # Interactive mode (quizzes.items.marking.tries_fraction): tries per question and the penalty per wrong try.
    tries_allowed = models.PositiveSmallIntegerField(default=3)
    try_penalty = models.FloatField(default=1 / 3, choices=TRY_PENALTIES)
    # Review options (see REVIEW_PHASES). The defaults are exam mode's (score only until the quiz
    # closes); the quiz builder gives a tutor quiz tutor mode's (secrecy.review_defaults).
    review_after_score = models.BooleanField(default=True)
    review_after_marks = models.BooleanField(default=False)
    review_after_answers = models.BooleanField(default=False)
    review_after_explanations = models.BooleanField(default=False)
    review_open_score = models.BooleanField(default=True)
    review_open_marks = models.BooleanField(default=False)
    review_open_answers = models.BooleanField(default=False)
    review_open_explanations = models.BooleanField(default=False)
    review_closed_score = models.BooleanField(default=True)
    review_closed_marks = models.BooleanField(default=True)
    review_closed_answers = models.BooleanField(default=True)
    review_closed_explanations = models.BooleanField(default=True)
    # A custom practice set belongs to the student who built it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="practice_sets",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["course", "title"]
        verbose_name_plural = "quizzes"
        constraints = [
            models.CheckConstraint(condition=models.Q(pass_mark__lte=100), name="quiz_pass_mark_range"),
            models.CheckConstraint(
                condition=models.Q(tries_allowed__gte=2, tries_allowed__lte=10),
                name="quiz_tries_allowed_range",
            ),
            models.CheckConstraint(
                condition=models.Q(try_penalty__gte=0, try_penalty__lte=1), name="quiz_try_penalty_range"
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="quiz_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class QuizItem(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="quiz_items")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["quiz", "question"], name="unique_quiz_question")]


class QuizRandomRule(models.Model):
    """“N random published questions from lessons X, Y”, drawn afresh for each attempt."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="random_rules")
    count = models.PositiveIntegerField()
    lessons = models.ManyToManyField(Lesson, related_name="+")


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=12, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS)
    seed = models.PositiveIntegerField(default=0)
    # Bumped on every change; a page posts the seq it was shown, so a stale one is refused.
    seq = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(default=0)
    # The latest regrade that changed this attempt's score, and its score before the first one.
    regrade = models.ForeignKey(
        "Regrade", on_delete=models.SET_NULL, null=True, blank=True, related_name="attempts"
    )
    score_before_regrade = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="unique_attempt_number"),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(state="in_progress"),
                name="one_open_attempt_per_quiz",
            ),
        ]
        indexes = [models.Index(fields=["user", "quiz", "state"])]

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.IN_PROGRESS

    @property
    def percent(self) -> float | None:
        """The score as a percentage of the marks available (None until scored)."""
        if self.score is None or not self.max_score:
            return None
        return 100.0 * self.score / self.max_score

    @property
    def passed(self) -> bool | None:
        return passes(self.score, self.max_score, self.quiz.pass_mark)


class Response(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="responses")
    slot = models.PositiveIntegerField()
    answer = models.JSONField(null=True, blank=True)
    # The fraction of the question's marks the answer deserves (0..1: accuracy figures use it).
    score = models.FloatField(null=True, blank=True)
    # What the response earns toward the attempt's score (quizzes.items.marking: certainty-based
    # marking or the tries penalty may move it from ``score``); set when it is marked.
    mark = models.FloatField(null=True, blank=True)
    # Certainty-based marking: 1 low, 2 medium, 3 high (None: not asked, or not given).
    certainty = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(1, "Low"), (2, "Medium"), (3, "High")]
    )
    # Interactive mode: wrong tries made so far (the answer is final once right or out of tries).
    tries = models.PositiveSmallIntegerField(default=0)
    flagged = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Set by a regrade (quizzes.assessment.regrading): the version the response is scored
    # against (None: ``version``, the one the student was shown), and the regrade itself
    # (a full-marks regrade gives an answered response full marks whatever its version says).
    scored_version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regrade = models.ForeignKey(
        "Regrade", on_delete=models.SET_NULL, null=True, blank=True, related_name="responses"
    )

    class Meta:
        ordering = ["attempt", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="unique_response_question"),
            models.UniqueConstraint(fields=["attempt", "slot"], name="unique_response_slot"),
            models.CheckConstraint(
                condition=models.Q(certainty__isnull=True) | models.Q(certainty__in=(1, 2, 3)),
                name="response_certainty_level",
            ),
        ]

    @property
    def scoring_version(self) -> QuestionVersion:
        """The version this response is scored and reviewed against."""
        return self.scored_version if self.scored_version_id else self.version

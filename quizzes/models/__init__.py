"""The domain model, one module per concept (see ../shared/DESIGN.md)."""

from .content import Article, Lesson, LessonRead
from .drafts import Draft
from .notes import Card, Note
from .people import Course, Membership, User
from .practice import Attempt, Quiz, QuizItem, QuizRandomRule, Response
from .quality import FlagOverride
from .questions import Choice, MatchingPair, Question, QuestionVersion, Tag
from .study import CardState, ReviewLog

__all__ = [
    "Article",
    "Attempt",
    "Card",
    "CardState",
    "Choice",
    "Course",
    "Draft",
    "FlagOverride",
    "Lesson",
    "LessonRead",
    "MatchingPair",
    "Membership",
    "Note",
    "Question",
    "QuestionVersion",
    "Quiz",
    "QuizItem",
    "QuizRandomRule",
    "Response",
    "ReviewLog",
    "Tag",
    "User",
]

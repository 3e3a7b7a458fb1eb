"""The domain model, one module per concept (see ../shared/DESIGN.md)."""

from .audit import AuditEntry
from .content import Article, Lesson, LessonAddendum, LessonRead
from .drafts import Draft
from .images import Image, ImageFile
from .lti import GradePassback, LtiCourseLink, LtiPlacement, LtiPlatformSettings, LtiStoredValue
from .notes import Card, Note
from .people import Course, Membership, Removal, User
from .practice import Attempt, Quiz, QuizItem, QuizRandomRule, Response
from .quality import FlagOverride
from .questions import Choice, MatchingPair, Question, QuestionVersion, Tag
from .regrading import Regrade
from .study import CardBoost, CardState, PersonalExamDate, ReviewLog

__all__ = [
    "Article",
    "Attempt",
    "AuditEntry",
    "Card",
    "CardBoost",
    "CardState",
    "Choice",
    "Course",
    "Draft",
    "FlagOverride",
    "GradePassback",
    "Image",
    "ImageFile",
    "Lesson",
    "LessonAddendum",
    "LessonRead",
    "LtiCourseLink",
    "LtiPlacement",
    "LtiPlatformSettings",
    "LtiStoredValue",
    "MatchingPair",
    "Membership",
    "Note",
    "PersonalExamDate",
    "Question",
    "QuestionVersion",
    "Quiz",
    "QuizItem",
    "QuizRandomRule",
    "Regrade",
    "Removal",
    "Response",
    "ReviewLog",
    "Tag",
    "User",
]

"""Admin for every model, with useful lists and search."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from lti_tool.admin import LtiRegistrationAdmin
from lti_tool.models import LtiRegistration

from . import models as m
from .models.lti import PassbackStatus


@admin.register(m.User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Preferences", {"fields": ("timezone",)}))
    list_display = ("username", "email", "first_name", "last_name", "timezone", "is_staff", "last_login")


class MembershipInline(admin.TabularInline):
    model = m.Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(m.Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "slug",
        "owner",
        "join_code",
        "desired_retention",
        "new_cards_per_day",
        "exam_at",
        "created_at",
    )
    search_fields = ("title", "slug", "join_code")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["owner"]
    inlines = [MembershipInline]


@admin.register(m.Removal)
class RemovalAdmin(admin.ModelAdmin):
    list_display = ("user", "course", "removed_by", "removed_at")
    list_filter = ("course",)
    search_fields = ("user__username", "course__title")
    autocomplete_fields = ["user", "course", "removed_by"]


@admin.register(m.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "course", "role", "created_at")
    list_filter = ("role", "course")
    search_fields = ("user__username", "user__email", "course__title")
    autocomplete_fields = ["user", "course"]


@admin.register(m.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "source", "last_reviewed", "imported_at")
    list_filter = ("course",)
    search_fields = ("title", "raw_text")


@admin.register(m.Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "order", "article")
    list_filter = ("course",)
    search_fields = ("title",)


@admin.register(m.LessonAddendum)
class LessonAddendumAdmin(admin.ModelAdmin):
    list_display = ("title", "lesson", "author", "updated_at")
    list_filter = ("lesson__course",)
    search_fields = ("title", "body", "reference")
    raw_id_fields = ("lesson", "author")


@admin.register(m.LessonRead)
class LessonReadAdmin(admin.ModelAdmin):
    list_display = ("user", "lesson", "read_at")
    search_fields = ("user__username", "lesson__title")


@admin.register(m.Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "course")
    search_fields = ("name",)


class ChoiceInline(admin.TabularInline):
    model = m.Choice
    extra = 0


class PairInline(admin.TabularInline):
    model = m.MatchingPair
    extra = 0


@admin.register(m.Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("stem_short", "kind", "status", "origin", "lesson", "course", "updated_at")
    list_filter = ("course", "kind", "status", "origin")
    search_fields = ("stem", "explanation", "key")
    inlines = [ChoiceInline, PairInline]

    @admin.display(description="Stem")
    def stem_short(self, obj):
        return obj.stem[:80]


@admin.register(m.QuestionVersion)
class QuestionVersionAdmin(admin.ModelAdmin):
    list_display = ("question", "number", "created_at")
    search_fields = ("question__stem",)


@admin.register(m.Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ("text", "question", "is_correct")
    search_fields = ("text",)


@admin.register(m.MatchingPair)
class MatchingPairAdmin(admin.ModelAdmin):
    list_display = ("premise", "answer", "question")
    search_fields = ("premise", "answer")


class QuizItemInline(admin.TabularInline):
    model = m.QuizItem
    extra = 0
    raw_id_fields = ["question"]


@admin.register(m.Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "course",
        "mode",
        "time_limit_minutes",
        "attempts_allowed",
        "grading_method",
        "is_published",
        "owner",
    )
    list_filter = ("course", "mode", "is_published")
    search_fields = ("title",)
    inlines = [QuizItemInline]


@admin.register(m.QuizItem)
class QuizItemAdmin(admin.ModelAdmin):
    list_display = ("quiz", "question", "order")
    raw_id_fields = ["question"]


@admin.register(m.QuizRandomRule)
class QuizRandomRuleAdmin(admin.ModelAdmin):
    list_display = ("quiz", "count")


@admin.register(m.Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("quiz", "user", "number", "state", "score", "started_at", "submitted_at")
    list_filter = ("state", "quiz__course")
    search_fields = ("user__username", "quiz__title")
    raw_id_fields = ["user", "quiz"]


@admin.register(m.Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("attempt", "slot", "question", "score", "flagged", "answered_at")
    raw_id_fields = ["attempt", "question", "version"]


@admin.register(m.Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "status", "origin", "lesson", "course")
    list_filter = ("course", "kind", "status", "origin")
    search_fields = ("front", "back", "text", "key")


@admin.register(m.Card)
class CardAdmin(admin.ModelAdmin):
    list_display = ("note", "ord", "key")
    raw_id_fields = ["note"]


@admin.register(m.CardState)
class CardStateAdmin(admin.ModelAdmin):
    list_display = ("user", "card", "state", "due", "reps", "lapses", "suspended", "leech")
    list_filter = ("state", "suspended", "leech")
    search_fields = ("user__username",)
    raw_id_fields = ["user", "card"]


@admin.register(m.ReviewLog)
class ReviewLogAdmin(admin.ModelAdmin):
    list_display = ("user", "card", "rating", "reviewed_at", "duration_ms")
    list_filter = ("rating",)
    search_fields = ("user__username",)
    raw_id_fields = ["user", "card"]


@admin.register(m.Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "status", "lesson", "course")
    list_filter = ("course", "kind", "status")
    search_fields = ("key", "excerpt")


# --- LTI: django-lti's registration admin, with our settings for the platform ---------------


class LtiPlatformSettingsInline(admin.StackedInline):
    model = m.LtiPlatformSettings
    can_delete = False
    verbose_name_plural = "MedQuiz settings for this platform"


admin.site.unregister(LtiRegistration)


@admin.register(LtiRegistration)
class PlatformRegistrationAdmin(LtiRegistrationAdmin):
    """A platform: issuer, client ID, its URLs and deployment IDs (django-lti), framing and lead roles (ours)."""

    inlines = [*LtiRegistrationAdmin.inlines, LtiPlatformSettingsInline]


@admin.register(m.LtiCourseLink)
class LtiCourseLinkAdmin(admin.ModelAdmin):
    list_display = ("context", "course", "linked_by", "linked_at")
    list_filter = ("course",)
    raw_id_fields = ["context", "linked_by"]


@admin.register(m.LtiPlacement)
class LtiPlacementAdmin(admin.ModelAdmin):
    list_display = ("resource_link", "course", "kind", "quiz", "lesson", "line_item_url", "created_at")
    list_filter = ("course", "kind")
    raw_id_fields = ["resource_link", "quiz", "lesson"]


@admin.register(m.GradePassback)
class GradePassbackAdmin(admin.ModelAdmin):
    """The grade queue: what was sent, what waits and why (``send_lti_grades`` retries on its own)."""

    list_display = (
        "attempt",
        "placement",
        "score_given",
        "status",
        "tries",
        "next_try_at",
        "sent_at",
        "last_error",
    )
    list_filter = ("status",)
    search_fields = ("attempt__user__username", "attempt__quiz__title", "last_error")
    raw_id_fields = ["attempt", "placement", "lti_user"]
    readonly_fields = (
        "attempt",
        "placement",
        "lti_user",
        "score_given",
        "timestamp",
        "sent_at",
        "created_at",
    )
    actions = ["retry_now"]

    @admin.action(description="Retry the selected waiting grades at the next run")
    def retry_now(self, request, queryset):
        count = queryset.filter(status=PassbackStatus.PENDING).update(next_try_at=timezone.now())
        self.message_user(request, f"{count} grade(s) will be sent at the next run of send_lti_grades.")


@admin.register(m.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the audit trail is append-only, for everyone (quizzes.accounts.audit)."""

    list_display = ("at", "course", "action", "actor", "subject", "object_type", "object_id")
    list_filter = ("action", "course")
    search_fields = ("object_label", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

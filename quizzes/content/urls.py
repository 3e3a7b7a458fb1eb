from django.urls import path

from quizzes.content.views import addenda, articles, drafts, lessons

urlpatterns = [
    # lessons
    path("c/<slug:slug>/", lessons.course_home, name="course"),
    path("c/<slug:slug>/lessons/<slug:lesson_slug>/", lessons.lesson_detail, name="lesson"),
    path("c/<slug:slug>/lessons/<slug:lesson_slug>/read/", lessons.mark_read, name="lesson_read"),
    # addenda (educators)
    path("c/<slug:slug>/lessons/<slug:lesson_slug>/addenda/new/", addenda.create, name="addenda_create"),
    path(
        "c/<slug:slug>/lessons/<slug:lesson_slug>/addenda/<int:pk>/edit/", addenda.edit, name="addenda_edit"
    ),
    path(
        "c/<slug:slug>/lessons/<slug:lesson_slug>/addenda/<int:pk>/delete/",
        addenda.delete,
        name="addenda_delete",
    ),
    # articles
    path("c/<slug:slug>/articles/", articles.article_import, name="articles_import"),
    path("c/<slug:slug>/articles/confirm/", articles.article_confirm, name="articles_confirm"),
    # drafts
    path("c/<slug:slug>/drafts/", drafts.review, name="drafts_review"),
    path("c/<slug:slug>/drafts/accept/", drafts.bulk_accept, name="drafts_bulk_accept"),
    path("c/<slug:slug>/drafts/<int:pk>/accept/", drafts.accept, name="drafts_accept"),
    path("c/<slug:slug>/drafts/<int:pk>/reject/", drafts.reject, name="drafts_reject"),
    path("c/<slug:slug>/drafts/<int:pk>/edit/", drafts.edit, name="drafts_edit"),
]

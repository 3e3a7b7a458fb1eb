from django.urls import path

from quizzes.interchange import views

urlpatterns = [
    path("c/<slug:slug>/notes/export.apkg", views.notes_export_anki, name="notes_export_anki"),
    path("c/<slug:slug>/questions/export/", views.questions_export, name="questions_export"),
    path("c/<slug:slug>/questions/import/", views.questions_import, name="questions_import"),
    path(
        "c/<slug:slug>/questions/import/confirm/",
        views.questions_import_confirm,
        name="questions_import_confirm",
    ),
]

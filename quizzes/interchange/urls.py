from django.urls import path

from quizzes.interchange import views

urlpatterns = [
    path("c/<slug:slug>/notes/export.apkg", views.notes_export_anki, name="notes_export_anki"),
]

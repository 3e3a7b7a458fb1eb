from django.urls import path

from quizzes.items.views import images, notes, quality, questions

urlpatterns = [
    # questions
    path("c/<slug:slug>/questions/", questions.bank, name="questions_bank"),
    path("c/<slug:slug>/questions/new/", questions.choose_kind, name="questions_choose_kind"),
    path("c/<slug:slug>/questions/new/<str:kind>/", questions.create, name="questions_create"),
    path("c/<slug:slug>/questions/<int:pk>/", questions.detail, name="questions_detail"),
    path("c/<slug:slug>/questions/<int:pk>/edit/", questions.edit, name="questions_edit"),
    path("c/<slug:slug>/questions/<int:pk>/preview/", questions.preview, name="questions_preview"),
    path("c/<slug:slug>/questions/<int:pk>/publish/", questions.publish, name="questions_publish"),
    path("c/<slug:slug>/questions/<int:pk>/retire/", questions.retire, name="questions_retire"),
    path("c/<slug:slug>/questions/<int:pk>/images/", images.question_images, name="questions_images"),
    # images
    path("c/<slug:slug>/images/<str:name>", images.image_file, name="item_image"),
    path("c/<slug:slug>/images/<int:pk>/remove/", images.image_remove, name="images_remove"),
    # item quality
    path("c/<slug:slug>/quality/", quality.report, name="quality_report"),
    # notes
    path("c/<slug:slug>/notes/", notes.notes_list, name="notes_list"),
    path("c/<slug:slug>/notes/new/", notes.notes_create, name="notes_create"),
    path("c/<slug:slug>/notes/<int:pk>/", notes.notes_detail, name="notes_detail"),
    path("c/<slug:slug>/notes/<int:pk>/edit/", notes.notes_edit, name="notes_edit"),
    path("c/<slug:slug>/notes/<int:pk>/publish/", notes.notes_publish, name="notes_publish"),
    path("c/<slug:slug>/notes/<int:pk>/suspend/", notes.notes_suspend, name="notes_suspend"),
    path("c/<slug:slug>/notes/<int:pk>/images/", images.note_images, name="notes_images"),
]

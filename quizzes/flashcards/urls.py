from django.urls import path

from quizzes.flashcards import views

urlpatterns = [
    path("c/<slug:slug>/study/", views.study_home, name="study_home"),
    path("c/<slug:slug>/study/rate/", views.study_rate, name="study_rate"),
    path("c/<slug:slug>/study/undo/", views.study_undo, name="study_undo"),
    path("c/<slug:slug>/study/cards/<int:card_id>/suspend/", views.study_suspend, name="study_suspend"),
    path("c/<slug:slug>/study/suspended/", views.study_suspended, name="study_suspended"),
    path("c/<slug:slug>/study/practise/<slug:lesson_slug>/", views.cram, name="study_practice"),
    path("c/<slug:slug>/study/at-risk/", views.study_at_risk, name="study_at_risk"),
    path("c/<slug:slug>/study/exam-date/", views.exam_date_own, name="exam_date_own"),
    path("c/<slug:slug>/exam-date/", views.exam_date_course, name="exam_date_course"),
]

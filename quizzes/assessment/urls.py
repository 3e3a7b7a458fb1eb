from django.urls import path

from quizzes.assessment.views import attempts, question, quizbuilder, regrading

urlpatterns = [
    # quizbuilder
    path("c/<slug:slug>/quiz-builder/", quizbuilder.quiz_list, name="quizbuilder_list"),
    path("c/<slug:slug>/quiz-builder/new/", quizbuilder.create, name="quizbuilder_create"),
    path("c/<slug:slug>/quiz-builder/<int:pk>/", quizbuilder.detail, name="quizbuilder_detail"),
    path("c/<slug:slug>/quiz-builder/<int:pk>/settings/", quizbuilder.edit, name="quizbuilder_edit"),
    path("c/<slug:slug>/quiz-builder/<int:pk>/publish/", quizbuilder.publish, name="quizbuilder_publish"),
    path(
        "c/<slug:slug>/quiz-builder/<int:pk>/questions/add/",
        quizbuilder.add_questions,
        name="quizbuilder_add_questions",
    ),
    path(
        "c/<slug:slug>/quiz-builder/<int:pk>/items/<int:item_pk>/remove/",
        quizbuilder.remove_item,
        name="quizbuilder_remove_item",
    ),
    path(
        "c/<slug:slug>/quiz-builder/<int:pk>/items/<int:item_pk>/move/",
        quizbuilder.move_item,
        name="quizbuilder_move_item",
    ),
    path("c/<slug:slug>/quiz-builder/<int:pk>/rules/add/", quizbuilder.add_rule, name="quizbuilder_add_rule"),
    path(
        "c/<slug:slug>/quiz-builder/<int:pk>/rules/<int:rule_pk>/remove/",
        quizbuilder.remove_rule,
        name="quizbuilder_remove_rule",
    ),
    # regrading a question's past responses
    path("c/<slug:slug>/questions/<int:pk>/regrade/", regrading.regrade, name="questions_regrade"),
    # attempts
    path("c/<slug:slug>/attempts/", attempts.quiz_list, name="attempts_list"),
    path("c/<slug:slug>/attempts/practice/", attempts.practice_builder, name="attempts_practice"),
    path("c/<slug:slug>/attempts/start/<int:quiz_id>/", attempts.start, name="attempts_start"),
    path("c/<slug:slug>/attempts/<int:attempt_id>/", attempts.resume, name="attempts_resume"),
    path(
        "c/<slug:slug>/attempts/<int:attempt_id>/q/<int:slot>/", question.question, name="attempts_question"
    ),
    path("c/<slug:slug>/attempts/<int:attempt_id>/submit/", attempts.submit, name="attempts_submit"),
    path("c/<slug:slug>/attempts/<int:attempt_id>/review/", attempts.review, name="attempts_review"),
]

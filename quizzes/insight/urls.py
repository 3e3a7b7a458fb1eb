from django.urls import path

from quizzes.insight.views import audit, owndata, progress, reports

urlpatterns = [
    # progress
    path("c/<slug:slug>/progress/", progress.progress_dashboard, name="progress_dashboard"),
    # reports
    path("c/<slug:slug>/reports/", reports.reports_cohort, name="reports_cohort"),
    path("c/<slug:slug>/reports/cohort.csv", reports.reports_cohort_csv, name="reports_cohort_csv"),
    path("c/<slug:slug>/reports/responses.csv", reports.reports_responses_csv, name="reports_responses_csv"),
    path("c/<slug:slug>/reports/heatmap/", reports.reports_heatmap, name="reports_heatmap"),
    path("c/<slug:slug>/reports/students/<int:user_id>/", reports.reports_student, name="reports_student"),
    path("c/<slug:slug>/reports/quizzes/<int:quiz_id>/items/", reports.reports_items, name="reports_items"),
    # a person's own data
    path("accounts/my-data.zip", owndata.account_data, name="account_data"),
    # audit trail (course leads)
    path("c/<slug:slug>/audit/", audit.audit_log, name="audit_log"),
    path("c/<slug:slug>/audit.csv", audit.audit_log_csv, name="audit_log_csv"),
]

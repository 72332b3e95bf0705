from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/<slug:slug>/", views.issue_detail, name="issue_detail"),
    path("issues/<slug:slug>/interest/", views.interest_save, name="interest_save"),
    path(
        "issues/<slug:slug>/interest/withdraw/", views.interest_withdraw, name="interest_withdraw"
    ),
    path("issues/<slug:slug>/forming/", views.issue_forming, name="issue_forming"),
    path("issues/<slug:slug>/cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/<slug:slug>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<slug:slug>/history/", views.cohort_history, name="cohort_history"),
    path("cohorts/<slug:slug>/invitations/", views.cohort_invitations, name="invitations"),
    path(
        "cohorts/<slug:slug>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "cohorts/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("cohorts/<slug:slug>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("cohorts/<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("cohorts/<slug:slug>/status/<str:status>/", views.cohort_status, name="cohort_status"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]

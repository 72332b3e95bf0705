from django.urls import path

from .views import forming, invitations, issues, joining, members, running

app_name = "cohorts"

urlpatterns = [
    path("issues/", issues.issue_list, name="issue_list"),
    path("issues/<slug:slug>/", issues.issue_detail, name="issue_detail"),
    path("issues/<slug:slug>/interest/", issues.interest_save, name="interest_save"),
    path(
        "issues/<slug:slug>/interest/withdraw/", issues.interest_withdraw, name="interest_withdraw"
    ),
    path("issues/<slug:slug>/forming/", forming.issue_forming, name="issue_forming"),
    path("issues/<slug:slug>/cohorts/new/", forming.cohort_create, name="cohort_create"),
    path("cohorts/", members.cohort_list, name="cohort_list"),
    path("cohorts/<slug:slug>/", members.cohort_detail, name="cohort_detail"),
    path("cohorts/<slug:slug>/history/", running.cohort_history, name="cohort_history"),
    path("cohorts/<slug:slug>/invitations/", invitations.cohort_invitations, name="invitations"),
    path(
        "cohorts/<slug:slug>/invitations/<int:pk>/resend/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "cohorts/<slug:slug>/invitations/<int:pk>/revoke/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("cohorts/<slug:slug>/members/<int:pk>/role/", running.member_role, name="member_role"),
    path(
        "cohorts/<slug:slug>/members/<int:pk>/remove/", running.member_remove, name="member_remove"
    ),
    path("cohorts/<slug:slug>/status/<str:status>/", running.cohort_status, name="cohort_status"),
    path("invitations/<str:token>/", joining.invitation, name="invitation"),
]

"""The site-wide groups that DESIGN.md gives roles to, and who counts as staff."""

from django.contrib.auth import get_user_model

FACILITATORS = "Facilitators"
EDITORS = "Editors"
STAFF = "Staff"

# The Staff group's own permission (accounts/migrations/0004_staff_group.py). Asked as a
# permission, not a group name, because the header already loads each person's
# permissions on every page, so asking costs no query.
RUN_PROGRAMME = "accounts.run_programme"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def is_programme_staff(user) -> bool:
    """Whether the person runs the programme: a member of the Staff group (or a superuser,
    who holds every permission). Staff see every cohort, and that each inquiry exists.

    Not ``user.is_staff``: that is Django's flag for the Django admin, which only
    operators (superusers) use.
    """
    return user.is_active and user.has_perm(RUN_PROGRAMME)


def programme_staff():
    """Everyone ``is_programme_staff`` holds for, as a queryset."""
    return get_user_model().objects.with_perm(RUN_PROGRAMME, backend=MODEL_BACKEND)

"""seed_demo --if-empty, kept apart from test_seed_demo.py: it needs a database without the demo.

Run after that module (as in the whole suite), it also shows the demo seeded there is gone.
"""

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_if_empty_leaves_a_database_with_people_in_it_alone(capsys):
    User.objects.create_user(email="someone@example.org", password="x-long-password-1")

    call_command("seed_demo", if_empty=True)

    assert User.objects.count() == 1
    assert "no demo data added" in capsys.readouterr().out

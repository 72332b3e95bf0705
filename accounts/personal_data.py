"""What each app keeps about a person, found through Django's app registry.

``accounts`` may import no other app (docs/decisions.md, layers), yet a person's export
(and, later, the deletion of their account) has to reach everything they wrote. So each
app names its own contribution on its ``AppConfig``::

    class InquiriesConfig(AppConfig):
        personal_data = "inquiries.personal_data"

The dotted path names a module with two functions:

``sections(user)``
    yields ``(name, records)``: a section of ``cylch-export.json`` and an iterable of
    JSON-ready dicts, one per record, produced lazily so a large account is never held
    whole in memory. Section names are unique across apps; docs/export.md documents each.
``files(user)``
    yields ``(path, chunks)``: a readable file in the zip (a relative path made with
    ``safe_name``) and an iterable of ``bytes`` (or ``str``) that make it up.

Deletion adds ``counts(user)``, ``delete(user, choices)`` and, where an app can refuse,
``refusals(user, by_staff)`` (accounts/deletion.py says what each does). This module is also
accounts' own contribution: the profile.
"""

from collections.abc import Iterable, Iterator
from importlib import import_module
from typing import Protocol

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry


class PersonalData(Protocol):
    def sections(self, user) -> Iterable[tuple[str, Iterable[dict]]]: ...

    def files(self, user) -> Iterable[tuple[str, Iterable[bytes | str]]]: ...

    def counts(self, user) -> Iterable[QuerySet]: ...

    def delete(self, user, choices) -> None: ...


def providers() -> list[PersonalData]:
    """Every installed app's contribution, in the order of INSTALLED_APPS."""
    return [
        import_module(config.personal_data)
        for config in apps.get_app_configs()
        if getattr(config, "personal_data", None)
    ]


def safe_name(pk: int, title: str) -> str:
    """A file name from an id and a title: no path separators, no dots to climb with."""
    return f"{pk}-{slugify(title)[:60].strip('-') or 'untitled'}"


def stamp(value) -> str | None:
    """Dates and times as ISO 8601 text, as every section writes them."""
    return value.isoformat() if value is not None else None


def sections(user):
    yield (
        "profile",
        [
            {
                "email": user.email,
                "display_name": user.display_name,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "date_joined": stamp(user.date_joined),
                "last_login": stamp(user.last_login),
            }
        ],
    )


def files(user) -> Iterator:
    return iter(())


def counts(user):
    return iter(())  # the profile is the account itself, named on the page in words


def delete(user, choices) -> None:
    """The user row goes last (accounts/deletion.py), and its addresses with it. Both
    admins' logs keep a line for each thing staff did to the account, its deletion too,
    each naming it as it was then: its name, or its address when it had none. From now
    on they name it by its number."""
    said = _("Deleted account %(number)s") % {"number": user.pk}
    about = {"content_type": ContentType.objects.get_for_model(user), "object_id": str(user.pk)}
    LogEntry.objects.filter(**about).update(object_repr=said)
    ModelLogEntry.objects.filter(**about).update(label=said)

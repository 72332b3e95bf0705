"""Open data: published weeknotes (JSON, CSV) and the public facts of cohorts (JSON).

Each file is made whole, once a change: the public page cache (``kernel.page_cache``)
keeps it and sends it to every anonymous downloader until something public changes
(``cms.page_cache``; a registered dataset's app says what renews its own). Made for
each download, the CSV of 10,000 weeknotes held a worker for seconds under load.
Rows are still read from the database in chunks (``iterator``), so the file is held
in memory, never every row as objects. Only what is already public goes in:
published weeknotes, the names of their authors as published, and counts (never
names) of a cohort's organisations and members.
Control characters are left out of every row (``kernel.characters``), and in JSON
"<", ">" and "&" are written as \\u escapes, so no text reads as markup.
"""

import csv
import json
from collections import defaultdict
from itertools import islice

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cohorts.models import Cohort, Issue
from kernel import open_data as registered
from kernel.characters import strip_control_characters

from .models import (
    OpenDataSettings,
    ServedPaths,
    WeeknoteAuthor,
    WeeknotePage,
    WeeknotePageTag,
    absolute_url,
)
from .serializers import escape_json_markup

CHUNK_SIZE = 500

# What a weeknote's row is made from, read as plain values.
WEEKNOTE_COLUMNS = (
    "pk",
    "title",
    "url_path",
    "week_of",
    "first_published_at",
    "last_published_at",
    "summary",
    "issue__slug",
    "issue__title",
    "cohort__slug",
    "cohort__name",
)

WEEKNOTE_FIELDS = [
    ("id", _("The weeknote's number. It never changes.")),
    ("title", _("The title.")),
    ("url", _("Where it is published.")),
    ("week_of", _("The Monday of the week it is about (YYYY-MM-DD).")),
    ("first_published_at", _("When it was first published (ISO 8601, with time zone).")),
    ("last_published_at", _("When it was last published (ISO 8601, with time zone).")),
    ("summary", _("Its summary, in one or two sentences.")),
    (
        "authors",
        _("The authors' names as published: a list in JSON, separated by “; ” in CSV."),
    ),
    ("author_slugs", _("The authors' public slugs, as used in /weeknotes/?author=.")),
    ("tags", _("Its tags: a list in JSON, separated by “; ” in CSV.")),
    ("issue", _("The slug of the shared issue it is about, or empty.")),
    ("issue_title", _("The title of that issue, or empty.")),
    ("cohort", _("The slug of the cohort it comes from, or empty.")),
    ("cohort_name", _("The name of that cohort, or empty.")),
]

ISSUE_FIELDS = [
    ("slug", _("The issue's slug, as in /issues/<slug>/.")),
    ("title", _("The issue's title.")),
    ("summary", _("What the issue is about.")),
    ("url", _("Its public page.")),
    ("cohorts", _("Its cohorts, oldest first, each with the fields below.")),
]

COHORT_FIELDS = [
    ("slug", _("The cohort's slug.")),
    ("name", _("Its name.")),
    ("place", _("Where it works.")),
    ("starts_on", _("When it starts (YYYY-MM-DD).")),
    ("ends_on", _("When it ends (YYYY-MM-DD).")),
    ("status", _("forming, active or closed.")),
    ("organisations", _("How many organisations its members come from.")),
    ("members", _("How many members it has, in every role.")),
]


def _licence(request) -> dict:
    settings = OpenDataSettings.for_request(request)
    return {
        "licence": settings.licence_name,
        "licence_url": settings.licence_url,
        "publisher": settings.publisher,
        "generated_at": timezone.now().isoformat(),
        "documentation": absolute_url("/open-data/"),
    }


def open_data(request):
    return render(
        request,
        "cms/open_data.html",
        {
            "licence": OpenDataSettings.for_request(request),
            "weeknote_fields": WEEKNOTE_FIELDS,
            "issue_fields": ISSUE_FIELDS,
            "cohort_fields": COHORT_FIELDS,
            "datasets": registered.datasets(),
        },
    )


def weeknote_rows(request):
    """One dict per published weeknote, newest first, read from the database in chunks.

    Plain values, not pages: each chunk of weeknotes is one query of columns, then one
    for its bylines and one for its tags, and each address is made from the page's
    ``url_path``. Loading every weeknote as a page, its tags through taggit's manager
    and its address through Wagtail's routing held a worker for seconds at 10,000.
    """
    served_path = ServedPaths(
        Site.objects.select_related("root_page").get(is_default_site=True).root_page
    )
    columns = WeeknotePage.objects.published().values_list(*WEEKNOTE_COLUMNS)
    pages = columns.iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(pages, CHUNK_SIZE)):
        pks = [row[0] for row in chunk]
        bylines = defaultdict(list)
        for page_id, name, slug in (
            WeeknoteAuthor.objects.filter(page_id__in=pks)
            .order_by("page_id", "sort_order", "pk")
            .values_list("page_id", "name", "slug")
        ):
            bylines[page_id].append((name, slug))
        tags = defaultdict(list)
        for page_id, name in WeeknotePageTag.objects.filter(content_object_id__in=pks).values_list(
            "content_object_id", "tag__name"
        ):
            tags[page_id].append(name)
        for row in chunk:
            values = dict(zip(WEEKNOTE_COLUMNS, row, strict=True))
            pk = values["pk"]
            yield strip_control_characters(
                {
                    "id": pk,
                    "title": values["title"],
                    "url": absolute_url(served_path(values["url_path"])),
                    "week_of": values["week_of"],
                    "first_published_at": values["first_published_at"],
                    "last_published_at": values["last_published_at"],
                    "summary": values["summary"],
                    "authors": [name for name, _slug in bylines[pk]],
                    "author_slugs": [slug for _name, slug in bylines[pk]],
                    "tags": sorted(tags[pk]),
                    "issue": values["issue__slug"] or "",
                    "issue_title": values["issue__title"] or "",
                    "cohort": values["cohort__slug"] or "",
                    "cohort_name": values["cohort__name"] or "",
                }
            )


def issue_rows(request):
    cohorts = Cohort.objects.with_public_counts().order_by("starts_on", "name")
    issues = Issue.objects.order_by("title").prefetch_related(Prefetch("cohorts", cohorts))
    for issue in issues.iterator(chunk_size=CHUNK_SIZE):
        yield strip_control_characters(
            {
                "slug": issue.slug,
                "title": issue.title,
                "summary": issue.summary,
                "url": absolute_url(issue.get_absolute_url()),
                "cohorts": [
                    {
                        "slug": cohort.slug,
                        "name": cohort.name,
                        "place": cohort.place,
                        "starts_on": cohort.starts_on,
                        "ends_on": cohort.ends_on,
                        "status": cohort.status,
                        "organisations": cohort.organisation_count,
                        "members": cohort.member_count,
                    }
                    for cohort in issue.cohorts.all()
                ],
            }
        )


def _json(value) -> str:
    return escape_json_markup(json.dumps(value, cls=DjangoJSONEncoder))


def _json_pieces(head: dict, key: str, rows):
    """``{...head, key: [rows]}`` written a row at a time."""
    yield _json(head)[:-1] + f', "{key}": ['
    separator = "\n"
    for row in rows:
        yield separator + _json(row)
        separator = ",\n"
    yield "\n]}\n"


def _json_response(request, key, rows, filename):
    response = HttpResponse(
        _json_pieces(_licence(request), key, rows), content_type="application/json"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def weeknotes_json(request):
    return _json_response(request, "weeknotes", weeknote_rows(request), "weeknotes.json")


def cohorts_json(request):
    return _json_response(request, "issues", issue_rows(request), "cohorts.json")


class _Echo:
    def write(self, value):
        return value


def _csv_lines(rows, fields):
    writer = csv.writer(_Echo())
    names = [name for name, _description in fields]
    yield writer.writerow(names)
    for row in rows:
        yield writer.writerow(
            [
                _csv_value("; ".join(row[name]) if isinstance(row[name], list) else row[name])
                for name in names
            ]
        )


def _csv_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = "" if value is None else str(value)
    # Keep spreadsheets from running a cell as a formula.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_response(rows, fields, filename):
    response = HttpResponse(_csv_lines(rows, fields), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def weeknotes_csv(request):
    return _csv_response(weeknote_rows(request), WEEKNOTE_FIELDS, "weeknotes.csv")


def _registered(name) -> registered.Dataset:
    """A dataset another app registered (``kernel.open_data``), or 404."""
    dataset = registered.dataset(name)
    if dataset is None:
        raise Http404
    return dataset


def _dataset_rows(dataset):
    return (strip_control_characters(row) for row in dataset.rows())


def dataset_json(request, name):
    dataset = _registered(name)
    return _json_response(request, dataset.name, _dataset_rows(dataset), f"{dataset.name}.json")


def dataset_csv(request, name):
    dataset = _registered(name)
    return _csv_response(_dataset_rows(dataset), dataset.fields, f"{dataset.name}.csv")

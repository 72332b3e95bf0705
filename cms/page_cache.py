"""What empties the public page cache (kernel/page_cache.py): a change to anything the
public pages show.

The pages cached are Wagtail's pages (home, the weeknote index, weeknotes), the feeds,
the sitemap, search, the open data page and its files, and the shared issues' pages
(``PUBLIC_PAGE_CACHE["URL_NAMES"]``); between them they show
pages and who may see them, bylines, tags, images, documents, the open data licence,
issues, cohorts and the counts of their members, organisations and interested people.
A change to any of these, however it is made (the admin, a review approved, a scheduled
publication, an account deleted), saves or deletes one of the models below.

Search results come from Wagtail's index, which a task updates after the save (in
production the worker, moments later): the generation is renewed again when such a task
has finished, or a search made in between would keep the index as it was.

Display names are not among them: a byline keeps the name as text (``WeeknoteAuthor``),
so a public page changes only when a byline does.
"""

from django.db.models.signals import post_delete, post_save
from django_tasks.signals import task_finished
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from cohorts.models import Cohort, ExpressionOfInterest, Issue, Membership, Organisation
from kernel.page_cache import forget_on_change, forget_public_pages

from .models import OpenDataSettings, WeeknoteAuthor


def shown_on_public_pages() -> list[type]:
    return [
        Page,
        *get_page_models(),
        PageViewRestriction,
        Site,
        WeeknoteAuthor,
        Tag,
        get_image_model(),
        get_document_model(),
        OpenDataSettings,
        Issue,
        Cohort,
        Membership,
        Organisation,
        ExpressionOfInterest,
    ]


def forget_after_indexing(sender, task_result, **kwargs):
    if task_result.task.module_path.startswith("modelsearch."):
        forget_public_pages()


def connect_signals() -> None:
    # One sender at a time: a receiver for every model would stop Django deleting
    # rows of unrelated models in bulk (it must then send each a signal).
    for model in shown_on_public_pages():
        uid = f"cms.page_cache.{model._meta.label}"
        post_save.connect(forget_on_change, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(forget_on_change, sender=model, dispatch_uid=f"{uid}.delete")
    # A move rewrites the addresses of the pages below by SQL, with no save of theirs.
    post_page_move.connect(forget_on_change, dispatch_uid="cms.page_cache.move")
    task_finished.connect(forget_after_indexing, dispatch_uid="cms.page_cache.indexed")

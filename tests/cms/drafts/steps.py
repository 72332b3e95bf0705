"""Steps the draft tests share: filling a draft in, and an editor's button in the admin."""

from wagtail.models import WorkflowState

from cms.drafts import services


def fill(draft, user, **changes):
    data = {
        "title": "What the bus station taught us",
        "week_of": draft.week_of,
        "summary": "Trust takes time, and tea.",
        "body": draft.body,
        "tags": "trust, outreach",
        **changes,
    }
    return services.draft_update(draft=draft, user=user, **data)


def review_of(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()


def act(page, user, action, comment=""):
    """What an editor's button in the Wagtail admin does."""
    task_state = review_of(page).current_task_state.specific
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


def submit(draft, owner):
    """Filled in and sent to the editors; the draft as it is now."""
    fill(draft, owner)
    services.draft_submit(draft=draft, user=owner)
    draft.refresh_from_db()
    return draft


def approve(draft, owner, editor):
    """Submitted and approved: its weeknote is live."""
    submit(draft, owner)
    act(draft.page, editor, "approve")
    draft.refresh_from_db()
    return draft

"""Editors see, on the Wagtail admin's dashboard, the weeknotes writers ask them to take down."""

import pytest

from cms.drafts import services
from tests.cms.drafts.steps import act, fill

pytestmark = pytest.mark.django_db


def test_editors_see_a_request_to_unpublish_on_their_dashboard(client, drafting, draft):
    fill(draft, drafting.owner, title="Please take me down")
    services.draft_submit(draft=draft, user=drafting.owner)
    draft.refresh_from_db()
    act(draft.page, drafting.editor, "approve")
    client.force_login(drafting.editor)
    assert "Please take me down" not in client.get("/admin/").content.decode()

    draft.refresh_from_db()
    services.request_unpublish(draft=draft, user=drafting.owner)

    page = client.get("/admin/").content.decode()
    assert "Writers ask you to take these weeknotes down" in page
    assert "Please take me down" in page
    assert f"/admin/pages/{draft.page_id}/unpublish/" in page


def test_an_editor_who_drafted_a_weeknote_cannot_publish_it_from_the_page_editor(client, drafting):
    from tests.factories import MembershipFactory

    MembershipFactory(user=drafting.editor, cohort=drafting.inquiry.cohort)
    drafting.inquiry.owner = drafting.editor
    drafting.inquiry.save()
    draft = services.draft_start(
        owner=drafting.editor, cycle=drafting.cycle, entry_ids=[drafting.entries[0].pk]
    )
    fill(draft, drafting.editor, title="My own weeknote")
    services.draft_submit(draft=draft, user=drafting.editor)
    draft.refresh_from_db()
    edit_url = f"/admin/pages/{draft.page_id}/edit/"

    client.force_login(drafting.editor)
    assert 'name="action-publish"' not in client.get(edit_url).content.decode()
    client.force_login(drafting.second_editor)
    assert 'name="action-publish"' in client.get(edit_url).content.decode()

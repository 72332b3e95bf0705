"""Editors see, on the Wagtail admin's dashboard, the weeknotes writers ask them to take down."""

import pytest

from cms.drafts import services
from tests.cms.drafts.test_review_states import act, fill

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

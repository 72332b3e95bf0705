"""Two app servers behave as one site (issue 16, item 2): a session, a comment and a
published weeknote are the same whichever server a person reaches. (Sent once, not once
per server: test_background_work.py.)"""

import uuid

from .visitors import comment_form, comment_path


def test_a_person_signed_in_on_one_server_carries_on_on_the_other(cluster_ready):
    cluster = cluster_ready
    alice = cluster.visitor()
    signed_in = alice.sign_in(cluster.a, cluster.world["alice"]["email"], cluster.world["password"])
    assert signed_in.status_code == 302, signed_in.text

    profile = alice.get(cluster.b, "/me/")
    assert profile.status_code == 200
    assert "Alice" in profile.text

    # Signing out through B signs out on A too: there is one session, kept for both.
    alice.post(cluster.b, "/accounts/logout/", {})
    assert alice.get(cluster.a, "/me/").headers["Location"].startswith("/accounts/login/")


def test_a_comment_posted_through_one_server_shows_through_the_other(cluster_ready):
    cluster = cluster_ready
    inquiry = cluster.world["alice"]["inquiry"]
    coach = cluster.visitor(cluster.world["coaches"][0]["session"])
    coach.get(cluster.a, f"/inquiries/{inquiry}/")
    text = f"Seen from both servers {uuid.uuid4().hex}"
    assert coach.post(cluster.a, comment_path(inquiry), comment_form(text)).status_code == 302

    alice = cluster.visitor(cluster.world["alice"]["session"])
    assert text in alice.get(cluster.b, f"/inquiries/{inquiry}/").text
    assert "Coach 0 commented on your inquiry" in alice.get(cluster.b, "/me/notifications/").text


def test_a_weeknote_published_through_one_server_is_not_served_stale_by_the_other(
    cluster_ready,
):
    """B has served the index and the weeknote's address before the editor acts on A
    (twice, so a page cache holds them); what B serves next is what A did."""
    cluster = cluster_ready
    weeknote = cluster.world["weeknote"]
    reader = cluster.visitor()
    for _ in range(2):
        assert weeknote["title"] not in reader.get(cluster.b, "/weeknotes/").text
        assert reader.get(cluster.b, weeknote["path"]).status_code == 404

    editor = cluster.visitor(cluster.world["editor"]["session"])
    editor.get(cluster.a, "/admin/")
    approve = f"/admin/pages/workflow/action/{weeknote['page']}/approve/{weeknote['task_state']}/"
    assert editor.post(cluster.a, approve, {"comment": ""}).status_code == 302

    for _ in range(2):
        assert weeknote["title"] in reader.get(cluster.b, "/weeknotes/").text
        assert reader.get(cluster.b, weeknote["path"]).status_code == 200

    unpublish = f"/admin/pages/{weeknote['page']}/unpublish/"
    assert editor.post(cluster.a, unpublish, {}).status_code == 302

    assert reader.get(cluster.b, weeknote["path"]).status_code == 404
    assert weeknote["title"] not in reader.get(cluster.b, "/weeknotes/").text

import io
import json
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from tests.factories import CycleFactory, EntryFactory, InquiryFactory, MembershipFactory


def test_a_participant_finds_the_export_on_their_profile_and_downloads_it(site):
    me = MembershipFactory(user__display_name="Nia").user
    inquiry = InquiryFactory(owner=me, cohort=me.memberships.get().cohort, title="Bus station")
    EntryFactory(cycle=CycleFactory(inquiry=inquiry), body="Met the outreach team.")
    page = site.page
    site.sign_in(me.email)

    site.visit("/me/profile/")
    page.get_by_role("link", name="Download everything you wrote").click()
    expect(page.get_by_text("can take a minute for a large account")).to_be_visible()
    site.check()
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download my writing").click()
    download = waiting.value

    assert download.suggested_filename.startswith("cylch-export-")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    names = archive.namelist()
    document = json.loads(archive.read(next(n for n in names if n.endswith(".json"))))
    assert [i["title"] for i in document["sections"]["inquiries"]] == ["Bus station"]
    readable = archive.read(next(n for n in names if "/inquiries/" in n)).decode()
    assert "Met the outreach team." in readable

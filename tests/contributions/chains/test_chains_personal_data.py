"""A chain goes with its inquiry: in the person's export, and when the inquiry or the
account is deleted."""

import io
import json
import zipfile

import pytest

from accounts import deletion
from accounts.export import export_zip
from contributions.models import InquiryChain

pytestmark = pytest.mark.django_db


def exported(user) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export_zip(user))))
    return {name.split("/", 1)[1]: archive.read(name).decode() for name in archive.namelist()}


def test_the_export_holds_my_chains_beside_my_inquiries_and_not_others(world):
    mine = world.inquiry(
        benefit="Fewer people in crisis", beneficiaries="People who sleep rough", users="GPs"
    )
    world.inquiry(visibility="cohort", owner=world.fellow, benefit="A fellow's benefit")

    files = exported(world.owner)

    sections = json.loads(files["cylch-export.json"])["sections"]
    (chain,) = sections["inquiry_chains"]
    assert chain["inquiry_id"] == mine.pk
    assert mine.pk in {inquiry["id"] for inquiry in sections["inquiries"]}
    assert (chain["benefit"], chain["beneficiaries"], chain["users"], chain["results"]) == (
        "Fewer people in crisis",
        "People who sleep rough",
        "GPs",
        "",
    )
    assert f"## {mine.title}" in files["inquiry-chains.md"]
    assert "- Benefit sought: Fewer people in crisis" in files["inquiry-chains.md"]
    assert "A fellow's benefit" not in "".join(files.values())


def test_without_a_chain_the_export_has_an_empty_section_and_no_file(world):
    world.inquiry()

    files = exported(world.owner)

    assert json.loads(files["cylch-export.json"])["sections"]["inquiry_chains"] == []
    assert "inquiry-chains.md" not in files


def test_a_chain_goes_with_its_inquiry(world):
    inquiry = world.inquiry(benefit="Earlier help")

    inquiry.delete()

    assert not InquiryChain.objects.exists()


def test_deleting_the_account_names_the_chains_and_removes_them(world):
    world.inquiry(benefit="Earlier help")
    world.inquiry(benefit="Safer nights")
    kept = world.inquiry(owner=world.fellow, benefit="A fellow's benefit")

    assert "2 benefit chains" in deletion.counts(world.owner)

    deletion.delete_account(world.owner, deletion.DeletionChoices(keep_byline=False))

    assert list(InquiryChain.objects.all()) == [kept.chain]

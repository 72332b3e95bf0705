"""backup_media and restore_media: the uploaded files pg_dump does not hold, taken and put back."""

import io
import json
import shutil
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def uploads(db, media):
    """A document, an image and one of its renditions, as editors leave them."""
    document = get_document_model().objects.create(
        title="Night shift handover notes",
        file=ContentFile(b"Handover at 07:00, not 07:30.\n", name="handover.txt"),
    )
    image = get_image_model().objects.create(title="Harbour", file=get_test_image_file())
    image.get_rendition("fill-40x30")
    return document


def files_under(folder):
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_wiped_media_store_comes_back_identical_and_served(client, media, uploads, tmp_path):
    archive = tmp_path / "media.tar.gz"
    before = files_under(media)

    backed_up, _ = run("backup_media", archive)
    shutil.rmtree(media)
    restored, _ = run("restore_media", archive)

    assert backed_up.startswith("Wrote 3 files (")
    assert restored == "Restored 3 files; 0 files already in place.\n"
    assert files_under(media) == before
    response = client.get(uploads.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Handover at 07:00, not 07:30.\n"


def test_restoring_over_files_in_place_keeps_their_names_and_puts_back_changed_ones(
    media, uploads, tmp_path
):
    archive = tmp_path / "media.tar.gz"
    run("backup_media", archive)
    before = files_under(media)
    (media / uploads.file.name).write_bytes(b"overwritten by mistake")

    restored, _ = run("restore_media", archive)

    assert restored == "Restored 1 file; 2 files already in place.\n"
    assert files_under(media) == before


def test_the_manifest_lists_each_file_with_its_size_and_checksum(media, uploads, tmp_path):
    archive = tmp_path / "media.tar.gz"
    run("backup_media", archive)

    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))

    listed = {each["name"]: each for each in manifest["files"]}
    assert listed[uploads.file.name]["size"] == len(b"Handover at 07:00, not 07:30.\n")
    assert len(listed[uploads.file.name]["sha256"]) == 64
    assert set(listed) == set(files_under(media))


def test_a_damaged_archive_is_refused_before_anything_is_written(media, uploads, tmp_path):
    archive, damaged = tmp_path / "media.tar.gz", tmp_path / "damaged.tar.gz"
    run("backup_media", archive)
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            body = source.extractfile(member).read()
            if member.name == f"media/{uploads.file.name}":
                body = body.replace(b"07:00", b"09:00")
            target.addfile(member, io.BytesIO(body))
    shutil.rmtree(media)

    with pytest.raises(CommandError, match=f"{uploads.file.name} in the archive does not match"):
        run("restore_media", damaged)
    checked, _ = run("restore_media", "--check", archive)

    assert not media.exists()
    assert checked.endswith(": 3 files, each matches its checksum.\n")


def test_the_backup_names_files_the_database_points_at_but_the_storage_lacks(
    media, uploads, tmp_path
):
    (media / uploads.file.name).unlink()

    _, warning = run("backup_media", tmp_path / "media.tar.gz")

    assert warning.startswith("1 file named in the database missing from the storage")
    assert uploads.file.name in warning

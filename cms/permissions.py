from wagtail.models import PagePermissionTester


def wrote_weeknote(page, user) -> bool:
    """Whether ``user`` is the page's owner or one of its bylines: four eyes mean they do
    not approve it (``WeeknoteReviewTask``) nor publish it past its review."""
    if not user.is_authenticated:
        return False
    return page.owner_id == user.pk or user.weeknote_bylines.filter(page_id=page.pk).exists()


def pages_written_by(user) -> list[str]:
    """The ids, as text (as workflow states name their page), of the weeknotes ``user``
    wrote in the sense of ``wrote_weeknote``."""
    owned = user.owned_pages.values_list("pk", flat=True)
    bylines = user.weeknote_bylines.values_list("page_id", flat=True)
    return [str(pk) for pk in {*owned, *bylines}]


class WeeknotePermissionTester(PagePermissionTester):
    """A weeknote drafted by a participant is published by an editor who did not write it.

    (Weeknotes editors write in the admin are theirs to publish, as before.)
    """

    def can_publish(self):
        if not super().can_publish():
            return False
        drafted = getattr(self.page, "draft", None) is not None
        return not (drafted and wrote_weeknote(self.page, self.user))


class WeeknoteIndexPermissionTester(PagePermissionTester):
    """Permissions given on the weeknote index reach the weeknotes under it, not the index.

    Wagtail grants a permission on a page and everything below it. Editors hold theirs
    on the index so they can add and publish weeknotes; editing, unpublishing, moving
    or deleting the index itself needs the same permission on a page above it.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        # The actions ("add", "change", "publish", ...) the user holds on a page above this one.
        self.actions_granted_above: set[str] = set()
        if user.is_active and not user.is_superuser:
            self.actions_granted_above = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if page.path.startswith(perm.page.path) and perm.page.path != page.path
            }

    def _granted_above(self, action: str) -> bool:
        return self.user.is_superuser or action in self.actions_granted_above

    def can_edit(self):
        return self._granted_above("change") and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._granted_above("change") and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self._granted_above("publish") and super().can_unpublish()

    def can_publish(self):
        return self._granted_above("publish") and super().can_publish()

    def can_move(self):
        return self._granted_above("change") and super().can_move()

    def can_lock(self):
        return self._granted_above("change") and super().can_lock()

"""Writes to cohorts. Views, the admin and the demo call these; each validates and runs
in one transaction. One module per thing written; callers use ``services.<name>``."""

from .cohorts import (
    cohort_create,
    cohort_set_status,
    cohort_update,
    ensure_cohort_open,
    event_record,
    unique_cohort_slug,
)
from .interests import (
    interest_save,
    interest_withdraw,
)
from .invitations import (
    InvitationUnusable,
    UnusableReason,
    ensure_a_free_place,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_renew,
    invitation_resend,
    invitation_revoke,
    invitation_send,
)
from .memberships import (
    ensure_a_facilitator_remains,
    lock_cohort_of,
    membership_change_role,
    membership_remove,
)
from .organisations import (
    organisation_find_or_create,
    organisation_merge,
    organisation_picked_or_typed,
)

__all__ = [
    "organisation_find_or_create",
    "organisation_picked_or_typed",
    "organisation_merge",
    "interest_save",
    "interest_withdraw",
    "event_record",
    "ensure_cohort_open",
    "unique_cohort_slug",
    "cohort_create",
    "cohort_update",
    "cohort_set_status",
    "ensure_a_free_place",
    "invitation_create",
    "invitation_send",
    "invitation_renew",
    "invitation_resend",
    "invitation_revoke",
    "UnusableReason",
    "InvitationUnusable",
    "invitation_for_token",
    "invitation_accept",
    "ensure_a_facilitator_remains",
    "lock_cohort_of",
    "membership_change_role",
    "membership_remove",
]

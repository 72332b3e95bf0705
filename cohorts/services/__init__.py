"""Writes to cohorts. Views, the admin and the demo call these; each validates and runs
in one transaction. One module per thing written; callers use ``services.<name>``;
the checks and helpers the writes share stay in their modules."""

from .cohorts import (
    cohort_create,
    cohort_set_status,
    cohort_update,
)
from .interests import (
    interest_save,
    interest_withdraw,
)
from .invitations import (
    InvitationUnusable,
    UnusableReason,
    invitation_accept,
    invitation_accepted_by,
    invitation_create,
    invitation_for_token,
    invitation_renew,
    invitation_resend,
    invitation_revoke,
    invitation_send,
)
from .memberships import (
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
    "cohort_create",
    "cohort_update",
    "cohort_set_status",
    "invitation_create",
    "invitation_send",
    "invitation_renew",
    "invitation_resend",
    "invitation_revoke",
    "UnusableReason",
    "InvitationUnusable",
    "invitation_for_token",
    "invitation_accept",
    "invitation_accepted_by",
    "membership_change_role",
    "membership_remove",
]

from wagtail import hooks

from .admin_views import DeleteAccountsBulkAction

# After wagtail.users' own "delete" (order 0), so this one takes its place in the registry.
hooks.register("register_bulk_action", DeleteAccountsBulkAction, order=1)

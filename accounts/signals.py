"""Changes someone makes to another person's password or email address are logged and
the holder told (``accounts.services.account_change_record``).

Watched on the models, not in each admin view, so that every way of saving an account
is covered: Django's admin (change form, password form, allauth's email addresses),
Wagtail's user editor, and any view added later. "Someone" is the person signed in to
the request (``accounts.acting``) when it is not the holder. A holder changing their
own account is not logged (allauth tells them itself), nor is a change made by nobody
signed in, as when the holder follows a password-reset or confirmation link sent to
their address. Changes made at the server (a shell, ``manage.py changepassword``) are
not: see docs/visibility.md.
"""

from allauth.account.models import EmailAddress
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .acting import acting_person
from .models import AccountChange, User
from .services import account_change_record

WATCHED = {"password", "email"}


def someone_else(holder_id):
    """The person acting on this account, when it is not its holder."""
    actor = acting_person()
    return actor if actor is not None and actor.pk != holder_id else None


@receiver(pre_save, sender=User)
def notice_account_changes(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._changed_by_someone_else = []
    if raw or instance._state.adding:
        return
    saving = WATCHED if update_fields is None else WATCHED & set(update_fields)
    if not saving:
        return  # e.g. last_login on each sign-in
    actor = someone_else(instance.pk)
    if actor is None:
        return
    before = User.objects.filter(pk=instance.pk).values(*saving).first()
    if before is None:
        return
    changes = instance._changed_by_someone_else
    if "password" in saving and before["password"] != instance.password:
        changes.append({"actor": actor, "what": AccountChange.PASSWORD})
    if "email" in saving and before["email"] != instance.email:
        changes.append(
            {
                "actor": actor,
                "what": AccountChange.EMAIL,
                "old_email": before["email"],
                "new_email": instance.email,
            }
        )


@receiver(post_save, sender=User)
def record_account_changes(sender, instance, **kwargs):
    for change in instance.__dict__.pop("_changed_by_someone_else", []):
        account_change_record(holder=instance, **change)


@receiver(pre_save, sender=EmailAddress)
def notice_address_change(sender, instance, raw=False, **kwargs):
    instance._old_address = None
    if raw or instance._state.adding:
        return
    if someone_else(instance.user_id) is not None:
        instance._old_address = (
            EmailAddress.objects.filter(pk=instance.pk).values_list("email", flat=True).first()
        )


@receiver(post_save, sender=EmailAddress)
def record_address_change(sender, instance, created, raw=False, **kwargs):
    """An address added to someone else's account, or one of theirs changed."""
    actor = someone_else(instance.user_id)
    old = instance.__dict__.pop("_old_address", None)
    if raw or actor is None or (not created and old == instance.email):
        return
    account_change_record(
        actor=actor,
        holder=instance.user,
        what=AccountChange.EMAIL,
        old_email="" if created else (old or ""),
        new_email=instance.email,
    )


@receiver(post_delete, sender=EmailAddress)
def record_address_removal(sender, instance, origin=None, **kwargs):
    """An address taken off someone else's account: not when the account itself goes."""
    actor = someone_else(instance.user_id)
    if actor is None or getattr(origin, "model", type(origin)) is not EmailAddress:
        return
    account_change_record(
        actor=actor, holder=instance.user, what=AccountChange.EMAIL, old_email=instance.email
    )

"""Who hears about what, in the app and by email.

- a comment on an inquiry: its owner;
- a reply: the author of the comment it answers (and the owner, if someone else);
- a new entry: the coaches of the cohort who can see the inquiry.

Nobody is told about their own doing, and only people who can see the inquiry
are told. A notification stores no text; its line and its email are written
when shown or sent, through the visibility rule, so neither ever names what its
reader can no longer see.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Role
from kernel.mail import after_commit, email_subject, send_quietly

from .models import (
    EmailChoice,
    Inquiry,
    Notification,
    NotificationKind,
    NotificationSettings,
    Visibility,
)


def email_choice(user) -> str:
    choice = NotificationSettings.objects.filter(user=user).values_list("email", flat=True).first()
    return choice or EmailChoice.EACH


def notify(
    *, recipients: dict, actor, inquiry, entry=None, comment=None, subject=None
) -> list[Notification]:
    """Tell each recipient (a person → the kind of news) who may see ``inquiry``, in the app
    now and by email as they chose once the transaction commits. ``subject`` is what it is
    about when another app keeps it (a weeknote draft): see ``Notification.subject``."""
    created = [
        Notification.objects.create(
            recipient=user,
            actor=actor,
            kind=kind,
            inquiry=inquiry,
            entry=entry,
            comment=comment,
            subject=subject,
        )
        for user, kind in recipients.items()
        if user.is_active and Inquiry.objects.visible_to(user).filter(pk=inquiry.pk).exists()
    ]
    ids = [n.pk for n in created]
    after_commit(lambda: send_each(ids))
    return created


def on_comment(comment) -> None:
    inquiry = comment.inquiry
    recipients = {}
    parent = comment.parent
    if parent is not None and parent.author is not None and parent.author != comment.author:
        recipients[parent.author] = NotificationKind.REPLY
    if inquiry.owner != comment.author and inquiry.owner not in recipients:
        recipients[inquiry.owner] = NotificationKind.COMMENT
    notify(
        recipients=recipients,
        actor=comment.author,
        inquiry=inquiry,
        entry=comment.entry,
        comment=comment,
    )


def on_entry(entry) -> None:
    inquiry = entry.cycle.inquiry
    if inquiry.visibility == Visibility.PRIVATE:
        return
    coaches = (
        get_user_model()
        .objects.filter(memberships__cohort=inquiry.cohort, memberships__role=Role.COACH)
        .exclude(pk=inquiry.owner_id)
    )
    notify(
        recipients=dict.fromkeys(coaches, NotificationKind.ENTRY),
        actor=inquiry.owner,
        inquiry=inquiry,
        entry=entry,
    )


def summary(notification, *, visible: bool) -> str:
    """What a notification says, in one line: who did what in which inquiry.

    ``visible`` is whether its reader may still see it (``Notification.objects.visible_to``);
    if not, the line says only that, and names nobody and nothing.
    """
    if not visible:
        return _("Something you can no longer see.")
    if notification.kind == NotificationKind.REMINDER:  # from nobody: cms sends it
        return _("How about a weeknote? Share what you have learned lately in “%(title)s”.") % {
            "title": notification.inquiry.title
        }
    actor = notification.actor.public_name if notification.actor else _("A former member")
    subject = notification.subject
    return _("%(actor)s %(did)s “%(title)s”") % {
        "actor": actor,
        "did": notification.get_kind_display(),
        "title": subject.notification_title if subject else notification.inquiry.title,
    }


def email_settings_url() -> str:
    return settings.SITE_URL + reverse("accounts:profile") + "#emails"


def open_url(notification) -> str:
    return settings.SITE_URL + reverse("notifications:open", args=[notification.pk])


def send_each(ids) -> int:
    """Email, one by one, the notifications of people who chose an email for each."""
    sent = 0
    for notification in Notification.objects.filter(
        pk__in=ids, emailed_at__isnull=True
    ).select_related("recipient", "actor", "inquiry"):
        recipient = notification.recipient
        if email_choice(recipient) != EmailChoice.EACH:
            continue
        if not Notification.objects.visible_to(recipient).filter(pk=notification.pk).exists():
            continue
        text = summary(notification, visible=True)
        message = EmailMessage(
            subject=email_subject(_("[Cylch] %(line)s") % {"line": text}),
            body=_("%(line)s\n\nOpen it on Cylch: %(url)s\n\nChoose which emails you get: %(me)s")
            % {"line": text, "url": open_url(notification), "me": email_settings_url()},
            to=[recipient.email],
        )
        if not send_quietly(message):
            continue  # not marked as emailed: the digest command can pick it up later
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def send_digests() -> int:
    """One email per person who chose a daily digest, listing what they have not been sent.

    What they can no longer see is left out, and marked as dealt with.
    """
    sent = 0
    User = get_user_model()  # noqa: N806
    people = User.objects.filter(
        notification_settings__email=EmailChoice.DIGEST,
        notifications__emailed_at__isnull=True,
        is_active=True,
    ).distinct()
    for person in people:
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update(of=("self",))
                .filter(recipient=person, emailed_at__isnull=True)
                .select_related("actor", "inquiry")
                .order_by("created_at", "pk")
            )
            visible = set(
                Notification.objects.visible_to(person)
                .filter(pk__in=[n.pk for n in pending])
                .values_list("pk", flat=True)
            )
            lines = [
                f"- {summary(n, visible=True)}\n  {open_url(n)}" for n in pending if n.pk in visible
            ]
            if lines:
                message = EmailMessage(
                    subject=email_subject(
                        _("[Cylch] Your daily digest: %(count)s new") % {"count": len(lines)}
                    ),
                    body="\n".join(lines)
                    + "\n\n"
                    + _("Choose which emails you get: %(me)s") % {"me": email_settings_url()},
                    to=[person.email],
                )
                if not send_quietly(message):
                    continue  # left unsent: the next run tries again
                sent += 1
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                emailed_at=timezone.now()
            )
    return sent

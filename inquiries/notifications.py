"""Who hears about what, in the app and by email.

- a comment on an inquiry: its owner;
- a reply: the author of the comment it answers (and the owner, if someone else);
- a new entry: the coaches of the cohort who can see the inquiry;
- an offer of help on an ask, a reply in its thread, an offer taken up (contributions):
  the other of the two people in that thread, while they are a member of the cohort.

Nobody is told about their own doing, and only people who can see the inquiry
are told. A notification stores no text; its line and its email are written
when shown or sent, through the visibility rule, so neither ever names what its
reader can no longer see. Every line is worded here, once (``summary`` for
emails, ``summary_html`` for pages): who did what to which thing.

An email for each notification is a task (``email_notification``), queued once the
notification is saved: a worker sends it, and tries again later if the mail server
fails. The daily digest is part of the daily round (cylch/tasks.py).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_tasks import task

from cohorts.models import Membership, Role
from kernel.mail import after_commit, email_subject, send_or_retry, send_quietly

from .models import (
    EmailChoice,
    EntryKind,
    Inquiry,
    Notification,
    NotificationKind,
    NotificationSettings,
    Visibility,
)

# A comment told to the inquiry's owner that answers someone else's comment.
_THREAD = "thread"


def email_choice(user) -> str:
    choice = NotificationSettings.objects.filter(user=user).values_list("email", flat=True).first()
    return choice or EmailChoice.EACH


def _may_see(user, *, inquiry, cohort) -> bool:
    """The rule of ``Notification.objects.visible_to``, for one person before it is sent."""
    if inquiry is not None:
        return Inquiry.objects.visible_to(user).filter(pk=inquiry.pk).exists()
    return Membership.objects.filter(user=user, cohort=cohort).exists()


def notify(
    *, recipients: dict, actor, inquiry=None, cohort=None, entry=None, comment=None, subject=None
) -> list[Notification]:
    """Tell each recipient (a person → the kind of news) who may see ``inquiry`` (or, for
    what belongs to a whole cohort, who is a member of ``cohort``), in the app now and by
    email as they chose once the transaction commits. ``subject`` is what it is about when
    another app keeps it (a weeknote draft, an ask): see ``Notification.subject``."""
    created = [
        Notification.objects.create(
            recipient=user,
            actor=actor,
            kind=kind,
            inquiry=inquiry,
            cohort=cohort if inquiry is None else None,
            entry=entry,
            comment=comment,
            subject=subject,
        )
        for user, kind in recipients.items()
        if user.is_active and _may_see(user, inquiry=inquiry, cohort=cohort)
    ]
    ids = [n.pk for n in created]
    after_commit(lambda: _email_each(ids))
    return created


def _email_each(ids) -> None:
    for pk in ids:
        email_notification.enqueue(pk)


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


# What a line needs besides the notification itself: ``select_related`` these.
LINE_RELATED = ("actor", "inquiry", "entry__cycle", "comment")

_ON_ENTRY = {
    # kind, entry kind: what was done, in which cycle of which inquiry
    (NotificationKind.ENTRY, EntryKind.ACTION): _lazy(
        "%(actor)s logged an action in cycle %(cycle)s of %(title)s"
    ),
    (NotificationKind.ENTRY, EntryKind.REFLECTION): _lazy(
        "%(actor)s wrote a reflection in cycle %(cycle)s of %(title)s"
    ),
    (NotificationKind.COMMENT, EntryKind.ACTION): _lazy(
        "%(actor)s commented on your action in cycle %(cycle)s of %(title)s"
    ),
    (NotificationKind.COMMENT, EntryKind.REFLECTION): _lazy(
        "%(actor)s commented on your reflection in cycle %(cycle)s of %(title)s"
    ),
    (_THREAD, EntryKind.ACTION): _lazy(
        "%(actor)s replied to a comment on your action in cycle %(cycle)s of %(title)s"
    ),
    (_THREAD, EntryKind.REFLECTION): _lazy(
        "%(actor)s replied to a comment on your reflection in cycle %(cycle)s of %(title)s"
    ),
    (NotificationKind.REPLY, EntryKind.ACTION): _lazy(
        "%(actor)s replied to your comment on an action in cycle %(cycle)s of %(title)s"
    ),
    (NotificationKind.REPLY, EntryKind.REFLECTION): _lazy(
        "%(actor)s replied to your comment on a reflection in cycle %(cycle)s of %(title)s"
    ),
}
_ON_INQUIRY = {
    NotificationKind.ENTRY: _lazy("%(actor)s wrote in %(title)s"),
    NotificationKind.COMMENT: _lazy("%(actor)s commented on your inquiry %(title)s"),
    _THREAD: _lazy("%(actor)s replied to a comment on your inquiry %(title)s"),
    NotificationKind.REPLY: _lazy("%(actor)s replied to your comment on %(title)s"),
}


# About what another app keeps (``Notification.subject``): a weeknote draft and its review.
_ABOUT_SUBJECT = {
    NotificationKind.DRAFT_COMMENT: _lazy("%(actor)s commented on the weeknote draft %(title)s"),
    NotificationKind.CHANGES_ASKED: _lazy("%(actor)s asked for changes to your weeknote %(title)s"),
    NotificationKind.PUBLISHED: _lazy("%(actor)s published your weeknote %(title)s"),
    NotificationKind.REMINDER: _lazy(
        "How about a weeknote? Share what you have learned lately in %(title)s."
    ),
    # An ask (contributions) and the offers of help it gets: the title is the ask's.
    NotificationKind.OFFER_MADE: _lazy("%(actor)s offered help with your ask %(title)s"),
    NotificationKind.OFFER_REPLY: _lazy("%(actor)s replied about the offer of help on %(title)s"),
    NotificationKind.OFFER_TAKEN_UP: _lazy("%(actor)s took up your offer of help with %(title)s"),
}
# Who an editor's doing is told as, when the editor is not known (published directly).
_EDITORS = _lazy("The editors")
_BY_EDITORS = (NotificationKind.CHANGES_ASKED, NotificationKind.PUBLISHED)


def _wording_about_subject(notification) -> tuple[str, dict]:
    subject = notification.subject
    title = getattr(subject, "notification_title", None) or notification.inquiry.title
    fallback = _EDITORS if notification.kind in _BY_EDITORS else None
    if notification.actor:
        actor = notification.actor.public_name
    else:
        actor = str(fallback or _("A former member"))
    return str(_ABOUT_SUBJECT[notification.kind]), {"actor": actor, "cycle": "", "title": title}


def _wording(notification) -> tuple[str, dict]:
    """The sentence for what happened, and what fills it: who, which cycle, which inquiry."""
    kind = notification.kind
    if kind in _ABOUT_SUBJECT:
        return _wording_about_subject(notification)
    if kind == NotificationKind.COMMENT and notification.comment and notification.comment.parent_id:
        kind = _THREAD  # the owner hears of a reply in a thread on their inquiry
    entry = notification.entry
    sentence = _ON_ENTRY[kind, entry.kind] if entry is not None else _ON_INQUIRY[kind]
    actor = notification.actor.public_name if notification.actor else _("A former member")
    return str(sentence), {
        "actor": actor,
        "cycle": entry.cycle.number if entry is not None else "",
        "title": notification.inquiry.title,
    }


def summary(notification, *, visible: bool) -> str:
    """What a notification says, in one line of plain text: who did what to which thing.

    For emails and their subjects. ``visible`` is whether its reader may still see it
    (``Notification.objects.visible_to``); if not, the line names nobody and nothing.
    Its related rows are read: fetch them with ``LINE_RELATED``.
    """
    if not visible:
        return _("Something you can no longer see.")
    sentence, words = _wording(notification)
    return sentence % {**words, "title": f"“{words['title']}”"}


def summary_html(notification, *, visible: bool) -> str:
    """The same line for a page: every name escaped, the inquiry's title in italics."""
    if not visible:
        return conditional_escape(_("Something you can no longer see."))
    sentence, words = _wording(notification)
    escaped = {name: conditional_escape(value) for name, value in words.items()}
    escaped["title"] = format_html("<em>{}</em>", words["title"])
    return mark_safe(conditional_escape(sentence) % escaped)  # noqa: S308 (every part escaped)


def email_settings_url() -> str:
    return settings.SITE_URL + reverse("accounts:profile") + "#emails"


def open_url(notification) -> str:
    return settings.SITE_URL + reverse("notifications:open", args=[notification.pk])


@task()
def email_notification(notification_id: int, attempt: int = 1) -> bool:
    """Email a notification to its reader if they chose an email for each and may still
    see it, unless it was emailed already; say whether it went.

    A send that fails is tried again later (kernel/tasks.py); the notification stays
    unsent meanwhile. Its row is locked while it is sent: a second run waits, then
    finds it sent.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .filter(pk=notification_id, emailed_at__isnull=True)
            .select_related("recipient", *LINE_RELATED)
            .prefetch_related("subject")
            .first()
        )
        if notification is None:
            return False
        recipient = notification.recipient
        if email_choice(recipient) != EmailChoice.EACH:
            return False
        if not Notification.objects.visible_to(recipient).filter(pk=notification.pk).exists():
            return False
        text = summary(notification, visible=True)
        message = EmailMessage(
            subject=email_subject(_("[Cylch] %(line)s") % {"line": text}),
            body=_("%(line)s\n\nOpen it on Cylch: %(url)s\n\nChoose which emails you get: %(me)s")
            % {"line": text, "url": open_url(notification), "me": email_settings_url()},
            to=[recipient.email],
        )
        if not send_or_retry(message, email_notification, notification_id, attempt=attempt):
            return False
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


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
                .select_related(*LINE_RELATED)
                .prefetch_related("subject")
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

"""Organisations: found or made from what people type, and merged by staff."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import (
    Organisation,
    Sector,
)


def organisation_named(name: str) -> Organisation | None:
    return Organisation.objects.filter(name__iexact=name).first()


def organisation_find_or_create(*, name: str) -> Organisation:
    """An organisation by name, any case; a new name makes an unverified one for staff to check.

    Two people typing the same new name at once (or one form sent twice) make one: the
    name is unique in the database, which decides, and the second gets the first's.
    """
    name = " ".join(name.split())
    if existing := organisation_named(name):
        return existing
    organisation = Organisation(name=name, sector=Sector.OTHER, verified=False)
    organisation.full_clean(validate_constraints=False)  # the name's uniqueness: see below
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        if existing := organisation_named(name):
            return existing
        raise
    return organisation


def organisation_picked_or_typed(
    *, picked: Organisation | None, typed_name: str = ""
) -> Organisation | None:
    """The organisation a person picked from the list, or the one they typed (found or made)."""
    if picked is not None:
        return picked
    if typed_name.strip():
        return organisation_find_or_create(name=typed_name)
    return None


def organisations_forget_unused(ids) -> None:
    """Of these, the unverified organisations nothing refers to any longer go: a name a
    person typed, who has since left, is not offered to everyone else in the pickers.
    Staff's verified list stays whole."""
    used = set()
    for relation in _relations_to_organisations():  # whichever app refers to organisations
        side = relation.field.name
        related = relation.related_model.objects.filter(**{f"{side}__in": ids})
        used.update(related.values_list(side, flat=True))
    Organisation.objects.filter(pk__in=set(ids) - used, verified=False).delete()


@transaction.atomic
def organisation_merge(*, source: Organisation, target: Organisation) -> Organisation:
    """Fold a duplicate into the organisation it duplicates, then delete it.

    Every relation to the duplicate moves, whichever app holds it (memberships,
    invitations, interests, the organisations tagged on entries), so nothing is
    lost when it goes.
    """
    if source.pk == target.pk:
        raise ValidationError(_("Choose two different organisations to merge."))
    for relation in _relations_to_organisations():
        if relation.many_to_many:
            through = relation.through
            own, other = _through_fields(through, relation.related_model)
            already = through.objects.filter(**{own: target}).values_list(other, flat=True)
            through.objects.filter(**{own: source}).exclude(**{f"{other}__in": already}).update(
                **{own: target}
            )
        else:
            relation.related_model._base_manager.filter(**{relation.field.name: source}).update(
                **{relation.field.name: target}
            )
    source.delete()
    return target


def _relations_to_organisations():
    """Every relation pointing at Organisation, those without a reverse name (an invitation's
    organisation) included; a many-to-many table comes once, through its many-to-many."""
    for field in Organisation._meta.get_fields(include_hidden=True):
        is_reverse = field.auto_created and not field.concrete and field.is_relation
        if is_reverse and not field.related_model._meta.auto_created:
            yield field


def _through_fields(through, related_model) -> tuple[str, str]:
    """The names of a many-to-many table's two sides: (organisation, the other model)."""
    own = other = None
    for field in through._meta.get_fields():
        if not field.is_relation or not field.many_to_one:
            continue
        if field.related_model is Organisation:
            own = field.name
        elif field.related_model is related_model:
            other = field.name
    return own, other

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.characters import validate_one_line


class UserManager(DjangoUserManager):
    """Users are created by email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who uses Cylch. The email address is the login.

    First and last name are kept (optional) because Wagtail's user admin
    expects them; what the site shows is ``display_name``.
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        validators=[validate_one_line],
        help_text=_("How your name appears to others on Cylch, e.g. on weeknotes you publish."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]
        # Held by the Staff group alone (accounts/groups.py): what staff may do to accounts
        # is narrower than Django's change_user, which also sets passwords and groups.
        permissions = [
            ("run_programme", "Can run the programme"),
            ("change_user_contact", "Can change people's names and email addresses"),
        ]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name others see: the chosen display name, else the full name, else the email."""
        return self.display_name or super().get_full_name() or self.email

    def get_full_name(self):
        return self.public_name

    def get_short_name(self):
        return self.public_name


def user_display(user) -> str:
    """What allauth shows for a user (ACCOUNT_USER_DISPLAY)."""
    return user.public_name


class AccountChange(models.TextChoices):
    PASSWORD = "password", _("password")
    EMAIL = "email", _("email address")


class AccountChangeRecord(models.Model):
    """A change someone made to another person's password or email address.

    Written by ``accounts.services.account_change_record`` and never changed or
    deleted: superusers may read the log, nobody may edit it. The addresses are
    copied so that a row still says who and whom after an account is deleted.
    """

    changed_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        User, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.EmailField(_("by (address then)"))
    holder = models.ForeignKey(
        User, verbose_name=_("account"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    holder_email = models.EmailField(_("account (address then)"))
    what = models.CharField(_("what"), max_length=20, choices=AccountChange.choices)
    old_email = models.EmailField(_("old address"), blank=True)
    new_email = models.EmailField(_("new address"), blank=True)

    class Meta:
        verbose_name = _("account change")
        verbose_name_plural = _("account changes")
        ordering = ["-changed_at", "-pk"]
        default_permissions = ["view"]  # no add, change or delete permission exists

    def __str__(self):
        return f"{self.actor_email} → {self.holder_email}: {self.get_what_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("An account change record is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("An account change record is never deleted.")

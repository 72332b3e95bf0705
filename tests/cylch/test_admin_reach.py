"""No admin page shows inquiry data to anyone but staff; staff see title, owner and cohort only.

Every URL pattern under /admin/ and /django-admin/ is requested as each role, its parameters
filled in; one that names no object and that the role may open is requested again with a
search, an export and chosen ids. The objects of the story share one id, so whichever model
a URL's id names, it names one of ours.
"""

import re
from urllib.parse import urlencode, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, resolve
from taggit.models import Tag

from accounts.groups import EDITORS, FACILITATORS
from cohorts.models import Role
from inquiries.models import Comment, EntryRevision, Inquiry, Visibility
from tests.cms.builders import make_weeknote
from tests.factories import (
    CohortFactory,
    CycleFactory,
    EntryFactory,
    InquiryFactory,
    IssueFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ID = 424242  # far above any id a sequence hands out
TITLES = ["Marram", "Dunlin"]  # a private inquiry's title and one shared with the cohort
ORGANISATION = "Aaberg"  # first by name, so on the first page of any list
# One word from each thing written inside the private inquiry: never in the admin, for anyone.
WRITTEN = {
    "question": "Kittiwake",
    "why_it_matters": "Samphire",
    "intention": "Lapwing",
    "learned": "Bladderwrack",
    "next_step": "Sanderling",
    "entry": "Guillemot",
    "with_whom": "Oystercatcher",
    "revision": "Shearwater",
    "comment": "Razorbill",
}
ROLES = ["editor", "facilitator", "participant", "staff"]
# For URLs that take an app label and a model name (bulk actions, tag autocompletion, page
# types, settings, editing sessions): the inquiry snippet, organisations, weeknote pages.
NAMED_MODELS = [("inquiries", "inquiry"), ("cohorts", "organisation"), ("cms", "weeknotepage")]
APP_PARAMETERS = ["app_label", "app_name", "content_type_app_name"]
MODEL_PARAMETERS = ["model_name", "content_type_model_name"]
# A search that finds the private inquiry without echoing its title, an export, chosen ids.
QUERY = "?" + urlencode({"q": "worries", "id": ID, "export": "csv"})
ID_PARAMETERS = [
    "pk", "id", "object_id", "task_state_id", "task_id", "revision_id", "workflow_state_id",
    "collection_id", "workflow_pk", "session_id", "redirect_id", "document_id", "doc_id",
    "uploaded_file_id", "image_id",
]  # fmt: skip
REFUSED = {302, 403}  # to the sign-in page, or forbidden
DELIBERATE_ERROR = "wagtailadmin_error_test"  # Wagtail's page for trying out the error page
PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}


def admin_routes() -> list[str]:
    """Every URL pattern under admin/ and django-admin/, as the route string Django matches."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    return [
        route
        for route in walk(get_resolver().url_patterns)
        if route.startswith(("admin/", "django-admin/"))
    ]


def fill(route: str, values: dict) -> str:
    """The path of a route with each parameter, in either syntax, replaced by its value."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m[1]]), route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m[1]]), path)
    path = path.replace(".*", "nothing-here").replace("\\", "")
    return "/" + path.replace("^", "").replace("$", "")


def admin_urls(page_id: int) -> list[tuple[str, bool]]:
    """Each admin URL pattern filled in (once for each model, where it names one), and whether
    it names no object, so that a search, an export or chosen ids may change what it shows."""
    values = dict.fromkeys(ID_PARAMETERS, ID) | dict.fromkeys(PAGE_PARAMETERS, page_id)
    values |= {
        "content_type_id": ContentType.objects.get_for_model(Inquiry).pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "action_name": "approve",
        "action": "delete",
        "filter_spec": "original",
        "uidb64": "MQ",
        "token": "set-password",
        "url": "nothing-here/",
    }
    urls = []
    for route in admin_routes():
        parameters = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
        if parameters & set(MODEL_PARAMETERS):
            named = NAMED_MODELS
        elif parameters & set(APP_PARAMETERS):
            named = [(config.label, None) for config in apps.get_app_configs()]
        else:
            named = [(None, None)]
        names_no_object = parameters <= {*APP_PARAMETERS, *MODEL_PARAMETERS, "action"}
        reached = []
        for app_label, model_name in named:
            url = fill(
                route,
                values
                | dict.fromkeys(APP_PARAMETERS, app_label)
                | dict.fromkeys(MODEL_PARAMETERS, model_name),
            )
            if resolve(url).route == route.replace("^", ""):
                reached.append((url, names_no_object))
        assert reached, route  # every pattern is requested at least once
        urls += reached
    return urls


def story():
    """A private inquiry with something written in every part, and one shared with the cohort.

    The people in each role belong to its cohort, so on the site some of them may read the
    shared inquiry; in the admin nobody but staff sees either.
    """
    owner = UserFactory(pk=ID, display_name="Owen Owner", verified_email=False)
    EmailAddress.objects.create(pk=ID, user=owner, email=owner.email, verified=True, primary=True)
    organisation = OrganisationFactory(pk=ID, name=f"{ORGANISATION} Health Board")
    cohort = CohortFactory(pk=ID, issue=IssueFactory(pk=ID))
    MembershipFactory(pk=ID, user=owner, cohort=cohort, organisation=organisation)
    inquiry = InquiryFactory(
        pk=ID,
        owner=owner,
        cohort=cohort,
        visibility=Visibility.PRIVATE,
        title=f"{TITLES[0]} rota worries",
        question=f"How might {WRITTEN['question']} help?",
        why_it_matters=f"Because {WRITTEN['why_it_matters']} matters.",
    )
    cycle = CycleFactory(
        pk=ID,
        inquiry=inquiry,
        intention=f"Ask {WRITTEN['intention']} first.",
        learned=f"{WRITTEN['learned']} learned.",
        next_step=f"{WRITTEN['next_step']} next.",
    )
    entry = EntryFactory(
        pk=ID,
        cycle=cycle,
        body=f"Met {WRITTEN['entry']}.",
        body_html=f"<p>Met {WRITTEN['entry']}.</p>",
        with_whom=f"{WRITTEN['with_whom']} team",
    )
    EntryRevision.objects.create(
        pk=ID,
        entry=entry,
        version=1,
        body=f"{WRITTEN['revision']} draft.",
        body_html=f"<p>{WRITTEN['revision']} draft.</p>",
        saved_at=entry.created_at,
    )
    Comment.objects.create(
        pk=ID,
        inquiry=inquiry,
        entry=entry,
        author=owner,
        body=f"{WRITTEN['comment']} says well done.",
        body_html=f"<p>{WRITTEN['comment']} says well done.</p>",
    )
    fellow = MembershipFactory(cohort=cohort, organisation=organisation).user
    InquiryFactory(
        owner=fellow, cohort=cohort, visibility=Visibility.COHORT, title=f"{TITLES[1]} referrals"
    )
    Tag.objects.create(pk=ID, name="rota", slug="rota")
    return make_weeknote(authors=[fellow], cohort=cohort, tags=["rota"]), cohort


def person(role: str, cohort):
    """Someone in the role, as DESIGN.md describes it; all but staff belong to the cohort."""
    if role == "staff":
        # A superuser may open whatever a staff member may, and more: what holds for a
        # superuser holds for staff, however narrowly their permissions are drawn.
        return UserFactory(is_staff=True, is_superuser=True)
    membership_role = Role.FACILITATOR if role == "facilitator" else Role.PARTICIPANT
    user = MembershipFactory(cohort=cohort, role=membership_role).user
    if group := {"editor": EDITORS, "facilitator": FACILITATORS}.get(role):
        user.groups.add(Group.objects.get(name=group))
    return user


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_page_shows_inquiry_data_beyond_what_staff_need(client, role):
    page, cohort = story()
    user = person(role, cohort)
    client.force_login(user)
    client.raise_request_exception = False
    forbidden = list(WRITTEN.values())
    if role != "staff":
        forbidden += [*TITLES, ORGANISATION]
    leaks, errors = [], []

    def get(address):
        response = client.get(address)
        text = body(response).casefold()
        if seen := [word for word in forbidden if word.casefold() in text]:
            leaks.append(f"{response.status_code} {address}: {', '.join(seen)}")
        if (
            response.status_code >= 500
            and resolve(urlsplit(address).path).url_name != DELIBERATE_ERROR
        ):
            errors.append(f"{response.status_code} {address}")
        if settings.SESSION_COOKIE_NAME in response.cookies:
            client.force_login(user)  # the address signed out, or changed the session
        return response

    for url, names_no_object in admin_urls(page.pk):
        # An address refused to the role is refused it whatever the query.
        if get(url).status_code not in REFUSED and names_no_object:
            get(url + QUERY)

    assert not leaks, "\n".join(leaks)
    assert not errors, "\n".join(errors)

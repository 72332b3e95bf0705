"""Demo weeknotes: what the demo cohorts' people learned, told in the open.

Each weeknote is its own: a title used once, tags that its text bears out, and
the person, issue, cohort and week it belongs to. Together they spread over
twelve weeks, the three issues and the people of both running cohorts, so a
newcomer finds a programme that reads like one.

Idempotent: the cohorts demo is run first (it keeps whatever it finds), and a
weeknote whose slug is already there is left alone.
"""

import datetime

from django.db import transaction
from django.utils.text import slugify

from accounts import demo as accounts_demo
from cohorts import demo as cohorts_demo
from cohorts.models import Cohort, Issue
from inquiries.models import Inquiry

from .drafts import services as drafts
from .models import WeeknoteAuthor, WeeknoteIndexPage, WeeknotePage

FIRST_WEEK = datetime.date(2026, 8, 31)  # week 0; week 11 is the last full week before today

# Where a weeknote is filed: a cohort (its issue is the cohort's), or an issue alone.
WREXHAM = ("drugs-in-wrexham", "wrexham-2026")
RHYL = ("ageing-well", "rhyl-2026")
PLACE = ("place-based-working", None)  # its cohort, Caia Park 2027, has not started yet

WEEKNOTES = [
    {
        "title": "Six people, six agencies, one town centre",
        "week": 0,
        "where": WREXHAM,
        "authors": ["facilitator@example.com"],
        "tags": ["town centre", "trust"],
        "summary": "The Wrexham cohort met for the first time. Nobody agreed on what the "
        "problem is, which is a good place to start.",
        "happened": "We met in the upstairs room at Tŷ Pawb: a sergeant, a substance misuse "
        "nurse, a tenancy officer, an outreach worker, a coach and me. I asked each person to "
        "describe the town centre at 9am on a Monday. We got five different places.",
        "so_what": "Each agency sees the part of the problem that walks through its own door. "
        "The police see the shoplifting, health sees the overdoses, housing sees the rent "
        "arrears. Nobody sees the person all the way through, and nobody had said so out loud "
        "before.",
        "quote": ("I have worked two streets from Gwen for six years and we have never met.", ""),
        "now_what": "Everyone picks **one small question** they can test before we meet again. "
        "No plans longer than a page. Building trust comes first, and it starts with turning up.",
    },
    {
        "title": "Two pharmacists on Hope Street",
        "week": 1,
        "where": WREXHAM,
        "authors": ["participant@example.com"],
        "tags": ["pharmacy", "referrals"],
        "summary": "I asked two pharmacists what stops them starting a conversation about "
        "support. Neither of them said training.",
        "happened": "I went in out of uniform at a quiet time and asked one question: what stops "
        "you starting the conversation? Both pharmacists see the same faces every week for "
        "methadone. Both said time, and not knowing who would pick up if they did start.",
        "so_what": "I had assumed the gap was skills. It is the hand-over. A pharmacist who "
        "opens that door needs somewhere to send the person the same day, and our referrals "
        "route goes through a form and a wait.",
        "now_what": "Find one named person the pharmacy counter could call, and ask the "
        "community safety team whether they would be that person for a fortnight.",
    },
    {
        "title": "What the outreach van hears at 2am",
        "week": 1,
        "where": WREXHAM,
        "authors": ["dylan@example.com"],
        "tags": ["outreach", "night-time"],
        "summary": "Three nights on the van, and a list of what people told us that no daytime "
        "service ever hears.",
        "happened": "We stopped at the bus station, behind the market and by the river path. "
        "People talked about a friend who had gone missing, a new batch that was stronger than "
        "usual, and a landlord who was changing the locks on Friday.",
        "so_what": "All of that is useful to someone by nine the next morning, and none of it "
        "reaches them. The night-time picture stays in the van and in my head.",
        "now_what": "Write three lines after each shift and send them to Priya, to see whether "
        "any of it is of use to her team.",
    },
    {
        "title": "Six services, one front door in Caia Park",
        "week": 2,
        "where": PLACE,
        "authors": ["gwen@example.com"],
        "tags": ["estates", "housing"],
        "summary": "I counted the services that knocked on one door on the estate in a month. "
        "It came to six.",
        "happened": "With the tenant's permission I kept a list of every visit to one house in "
        "Caia Park: housing, the health visitor, a social worker, the police, a debt adviser and "
        "a youth worker. Three of them asked the same questions about who lives there.",
        "so_what": "Each visit made sense on its own. Together they were a lot for one family, "
        "and none of us knew the others had been. On estates like this one the services are "
        "busy but not joined up.",
        "now_what": "Talk to the other five about a shared visit diary for this one house, and "
        "see whether anyone objects.",
    },
    {
        "title": "Ten minutes from the van in the planning meeting",
        "week": 2,
        "where": WREXHAM,
        "authors": ["participant@example.com", "dylan@example.com"],
        "tags": ["outreach", "planning meetings"],
        "summary": "Dylan joined our weekly planning meeting for ten minutes. Two decisions "
        "changed because he was in the room.",
        "happened": "Planning meetings usually run from reports written a week earlier. This "
        "time Dylan opened with what outreach had heard on Saturday night. We moved a patrol "
        "away from the market, where it was pushing people towards the river path, and we "
        "agreed to warn the hospital about the stronger batch.",
        "so_what": "Being close to the street matters more than the quality of the report. Ten "
        "minutes cost nothing and changed how we used two officers.",
        "quote": ("Nobody asked me to come before. I assumed I wasn't wanted.", "Dylan"),
        "now_what": "Make it a standing item for a month, then ask the team whether it was "
        "worth it.",
    },
    {
        "title": "Sitting in on the Tuesday drop-in",
        "week": 3,
        "where": WREXHAM,
        "authors": ["participant2@example.com"],
        "tags": ["housing", "listening"],
        "summary": "I spent a morning at the drop-in as a listener, not a nurse. Four of the "
        "eleven people who came asked about housing before they asked about anything else.",
        "happened": "I sat at the tea table with a notebook and no clinic list. Eleven people "
        "came through. Four asked about housing first, two asked about benefits, and only one "
        "asked about their script.",
        "so_what": "I plan my work around treatment, but people arrive with somewhere to sleep "
        "at the top of their list. Listening without an agenda told me more in three hours than "
        "a month of appointments.",
        "now_what": "Ask Gwen whether a housing officer could sit at the same table for one "
        "Tuesday.",
    },
    {
        "title": "Mapping the money in one street",
        "week": 3,
        "where": PLACE,
        "authors": ["facilitator@example.com"],
        "tags": ["budgets", "estates"],
        "summary": "A rough sum of what public services spend on one street in Caia Park in a "
        "year. It is far more than anyone guessed.",
        "happened": "With help from finance colleagues in three agencies I added up what we "
        "could see: repairs, visits, call-outs, school support, benefits advice. It is rough "
        "and certainly wrong in places, but for forty houses it came to over a million pounds, "
        "and the other estates will not be very different.",
        "so_what": "Nobody holds that number, so nobody can ask whether it is well spent. Each "
        "agency manages its budgets well inside its own lines and badly across them.",
        "now_what": "Take the sum to the place-based working group and ask one question: what "
        "would we do differently if this were one budget for the street?",
    },
    {
        "title": "A tenancy saved by a phone call",
        "week": 4,
        "where": WREXHAM,
        "authors": ["gwen@example.com"],
        "tags": ["housing", "data sharing"],
        "summary": "A tenant was days from eviction. One call from the substance misuse team "
        "changed the conversation.",
        "happened": "The housing file said rent arrears and no contact. Owen knew why: the "
        "tenant had been in hospital for three weeks. We had no way of knowing, because "
        "nothing we hold talks to anything they hold.",
        "so_what": "The data sharing agreement we have been drafting for a year would not have "
        "helped: it covers monthly reports, not a phone call about one person. What helped "
        "was knowing Owen's name.",
        "now_what": "Start a list of named contacts across the cohort's agencies, one page, "
        "kept by a person rather than a system.",
    },
    {
        "title": "Coaching notes: the question behind the question",
        "week": 4,
        "where": WREXHAM,
        "authors": ["coach@example.com"],
        "tags": ["coaching", "listening"],
        "summary": "Four coaching conversations this week, and the same pattern in each: the "
        "first question people bring is rarely the one they are working on.",
        "happened": "I asked each person to tell me about their first cycle and then said "
        "nothing for a full minute. Three of the four changed their question during the "
        "silence. One moved from 'how do I get partners to share data' to 'who do I already "
        "trust in another agency'.",
        "so_what": "Coaching here is mostly listening and patience. The questions people come "
        "in with are the ones their organisations would ask. The ones they leave with are "
        "their own.",
        "now_what": "Keep the silence. Try the same thing in the group session on Thursday.",
    },
    {
        "title": "Who is lonely in Rhyl, and who notices",
        "week": 5,
        "where": RHYL,
        "authors": ["megan@example.com"],
        "tags": ["loneliness", "listening"],
        "summary": "The Rhyl cohort's first week. I asked the people who see older residents "
        "every day who they worry about.",
        "happened": "I spent the week listening. I talked to a postman, two bus drivers, a "
        "hairdresser on Queen Street and the woman who runs the café by the promenade. "
        "Every one of them could name someone they had not seen for a while.",
        "so_what": "Loneliness is noticed long before any service hears about it, by people "
        "who are not services at all. They do not know who to tell, and they worry about "
        "being nosy.",
        "now_what": "Put together a card with one phone number and ask the café and the "
        "hairdresser whether they would hand it out.",
    },
    {
        "title": "Naloxone kits at the counter",
        "week": 5,
        "where": WREXHAM,
        "authors": ["participant2@example.com"],
        "tags": ["naloxone", "pharmacy"],
        "summary": "Two pharmacies agreed to offer naloxone kits to people collecting "
        "prescriptions. Five were taken in the first week.",
        "happened": "Building on Priya's conversations, I brought training and a box of kits "
        "to the two pharmacies on Hope Street. The pharmacists offered them quietly at the "
        "counter rather than putting up a poster.",
        "so_what": "Five kits went to people who have never come to our service. Asking in "
        "person at the pharmacy reached people that our leaflets did not.",
        "now_what": "Ask the five, if they come back, whether they would like a conversation "
        "with us, and count how many say yes.",
    },
    {
        "title": "Falls and fires start in the same homes",
        "week": 6,
        "where": RHYL,
        "authors": ["rhys@example.com"],
        "tags": ["falls", "home visits"],
        "summary": "Looking back at a year of safe and well visits, the homes with a fire risk "
        "were often the homes where someone had fallen.",
        "happened": "I went through our visit notes for West Rhyl with the falls team's list "
        "beside them. Of the forty homes we visited for fire safety, eleven had someone the "
        "falls team also knew.",
        "so_what": "Loose rugs, heaters, poor lighting and living alone make both risks. We "
        "do separate home visits for each and ask the same person the same questions twice.",
        "now_what": "Propose a joint visit with Megan and the falls team for three homes, and "
        "time how long it takes compared with two visits.",
    },
    {
        "title": "Naming one person to call",
        "week": 6,
        "where": WREXHAM,
        "authors": ["participant@example.com"],
        "tags": ["pharmacy", "trust"],
        "summary": "For a fortnight, two pharmacies had one named person to call instead of a "
        "form. They called six times.",
        "happened": "The community safety team gave the Hope Street pharmacies a name and a "
        "mobile number. Six calls in two weeks, four of them the same day a person at the "
        "pharmacy counter asked for help.",
        "so_what": "The pharmacists trusted a name more than a service. Two said they would "
        "not have called a switchboard.",
        "now_what": "Ask whether the named contact can carry on, and who covers them on leave.",
    },
    {
        "title": "Three assessments before anyone goes home",
        "week": 7,
        "where": RHYL,
        "authors": ["sian@example.com"],
        "tags": ["hospital discharge", "referrals"],
        "summary": "I followed one man's discharge from Glan Clwyd. He was assessed three "
        "times, by three teams, asking mostly the same questions.",
        "happened": "Mr P., 84, was medically fit to leave on Monday. He went home on Thursday. "
        "In between he was assessed by the ward therapist, by our social work team and by the "
        "care agency, each for their own referrals process.",
        "so_what": "Every assessment was done properly. Hospital discharge was slow because "
        "of the hand-overs between them, and he spent three extra nights in a ward, worrying "
        "about his cat.",
        "now_what": "Ask the ward and the care agency whether they would accept one shared "
        "assessment for the next two people going home to Prestatyn.",
    },
    {
        "title": "What 'place' means to the people who live there",
        "week": 7,
        "where": PLACE,
        "authors": ["facilitator@example.com", "coach@example.com"],
        "tags": ["estates", "listening"],
        "summary": "We asked residents where Caia Park begins and ends. Their map is not ours.",
        "happened": "We set up a table outside the community centre with a large map and "
        "some pens. Residents drew their own boundaries, their shortcuts and the places they "
        "avoid after dark. Not one of them drew the ward boundary our services plan around.",
        "so_what": "Place-based working starts with listening to how people use a place, not "
        "with our boundaries. The estates we plan around are lines on our maps.",
        "now_what": "Share the drawn maps with the forming Caia Park cohort before anyone "
        "writes a plan.",
    },
    {
        "title": "A cycle that did not work",
        "week": 8,
        "where": WREXHAM,
        "authors": ["dylan@example.com"],
        "tags": ["outreach", "failure"],
        "summary": "I ran a drop-in at the library for three weeks. Nobody came. Here is what "
        "I think went wrong.",
        "happened": "The idea was to offer outreach at a daytime place that felt neutral. The "
        "library gave us a room and we put up posters. Three Wednesdays, nobody.",
        "so_what": "I planned it from our side: a room, a time, a poster. I never asked the "
        "people we meet at night where they go during the day. Writing up this failure was "
        "harder than running the sessions, but it is the most useful cycle I have done.",
        "now_what": "Ask five people on the van where they spend the afternoons, and go there "
        "instead.",
    },
    {
        "title": "One visit instead of three",
        "week": 8,
        "where": RHYL,
        "authors": ["megan@example.com", "rhys@example.com"],
        "tags": ["home visits", "loneliness"],
        "summary": "We tried joint home visits: fire safety, falls and a chat about getting "
        "out more, all in one cup of tea.",
        "happened": "Three homes in Prestatyn, each visited by the two of us together. Rhys "
        "checked alarms and heaters, I asked about friends and clubs, and we both looked at "
        "the stairs. Each visit took about an hour, against two of forty minutes before.",
        "so_what": "People told us more when it felt like a visit than when it felt like an "
        "inspection. One woman admitted she had not left the house since August: loneliness "
        "came up without our asking.",
        "now_what": "Five more joint home visits, and ask the falls team to join one.",
    },
    {
        "title": "Housing and health in the same week",
        "week": 9,
        "where": WREXHAM,
        "authors": ["participant2@example.com", "gwen@example.com"],
        "tags": ["housing", "referrals"],
        "summary": "Gwen sat at the Tuesday drop-in with me. Three people got a housing "
        "conversation the same day they asked for one.",
        "happened": "No referrals form, no appointment: Gwen sat at the tea table with a "
        "laptop. Three people talked to her about housing, and one was booked to view a flat "
        "on Friday.",
        "so_what": "Usually the first housing conversation comes about six weeks after the "
        "first health one. The difference was one person in the right room on the right day.",
        "quote": ("I thought I'd have to tell it all again. I didn't.", "Someone at the drop-in"),
        "now_what": "Ask both managers whether this can be every Tuesday until Christmas.",
    },
    {
        "title": "The discharge lounge at Glan Clwyd",
        "week": 9,
        "where": RHYL,
        "authors": ["sian@example.com"],
        "tags": ["hospital discharge", "trust"],
        "summary": "The ward agreed to try one shared assessment. The first person went home "
        "a day and a half sooner.",
        "happened": "The ward therapist and I did the assessment together, with the care "
        "agency on the phone. Mrs J. went home to Prestatyn on Wednesday afternoon instead of "
        "Friday.",
        "so_what": "It worked because the therapist and I had met twice before and trusted "
        "each other's notes. Hospital discharge is a relationship as much as a process.",
        "now_what": "Try it again with a different ward therapist, to see whether it works "
        "without the trust we had already built.",
    },
    {
        "title": "Friday night at the bus station",
        "week": 10,
        "where": WREXHAM,
        "authors": ["participant@example.com"],
        "tags": ["young people", "night-time"],
        "summary": "I spent a Friday evening at the bus station without a plan to move anyone "
        "on. The young people there had a lot to say.",
        "happened": "About twenty young people gather there on a Friday: it is warm, it has "
        "lights and nobody charges them. Most were fourteen or fifteen. They told me which "
        "adults were selling, and that they come because there is nowhere else to go.",
        "so_what": "Our night-time response has been dispersal, which moves the group two "
        "streets and loses the adults who look out for them. Prevention here looks like "
        "somewhere to be.",
        "now_what": "Ask the council's youth service what is open on a Friday night and who "
        "holds the keys.",
    },
    {
        "title": "A street-level team: a first sketch",
        "week": 10,
        "where": PLACE,
        "authors": ["gwen@example.com"],
        "tags": ["estates", "budgets"],
        "summary": "What a small team working for one street in Caia Park, one of Wrexham's "
        "biggest estates, might look like.",
        "happened": "I wrote one page: four people from four agencies, one office on the "
        "estate, one shared diary, and a small budget they can spend without asking three "
        "managers, taken from the budgets we already spend there.",
        "so_what": "The sketch is less about structure than about permission. Every person "
        "I showed it to asked first who would sign off the spending.",
        "now_what": "Bring the sketch to the first session of the Caia Park cohort in "
        "February, and ask residents to mark it up.",
    },
    {
        "title": "Scams, smoke alarms and a cup of tea",
        "week": 11,
        "where": RHYL,
        "authors": ["rhys@example.com"],
        "tags": ["home visits", "scams"],
        "summary": "On our joint home visits, three people showed us letters that turned out "
        "to be scams.",
        "happened": "A prize draw, a fake energy refund and a letter about a parking fine that "
        "never was. All three people lived alone and had been worrying about it for weeks.",
        "so_what": "Scams are part of the same picture as falls and fires: people alone, with "
        "nobody to ask. Tomos in the PCSO team has been saying this for a year.",
        "now_what": "Invite Tomos to join two visits, and ask him what to look out for.",
    },
    {
        "title": "Halfway: what the Wrexham cohort has learned so far",
        "week": 11,
        "where": WREXHAM,
        "authors": ["facilitator@example.com"],
        "tags": ["trust", "data sharing"],
        "summary": "Eleven weeks in, the cohort's inquiries keep arriving at the same "
        "place: named people, not systems.",
        "happened": "In Thursday's session each person read out one thing they had learned. "
        "The pharmacy counter, the drop-in, the outreach van and the tenancy file all told "
        "the same story from different sides.",
        "so_what": "We came in expecting data sharing to be the answer. What has moved things "
        "is trust between named people in different agencies, built by working on small "
        "things together.",
        "now_what": "Write this up for the partnership board, with the failures as well as the "
        "wins.",
    },
    {
        "title": "Friday lunch club on the promenade",
        "week": 11,
        "where": RHYL,
        "authors": ["megan@example.com"],
        "tags": ["loneliness", "trust"],
        "summary": "The café by the promenade started a Friday lunch club from the cards we "
        "handed out. Nine people came.",
        "happened": "The owner put two tables together and made soup. Nine people came, "
        "four of them because the hairdresser had given them a card. One man said it was the "
        "first time he had eaten with anyone since his wife died.",
        "so_what": "We did not run it, and that is why it worked: loneliness eased by "
        "neighbours, not by a service. People trusted the café more than they would have "
        "trusted us.",
        "now_what": "Ask the owner what would help her keep it going, and stay out of the way.",
    },
]


COUNT = len(WEEKNOTES)


def seed() -> str:
    made, kept = seed_weeknotes()
    drafts = seed_drafts()
    return (
        f"Demo weeknotes: {made} published, {kept} already there; {drafts} weeknote drafts added."
    )


# A weeknote on its way: Priya drafts from her outreach van inquiry, Cerys comments,
# and it waits for an editor (editor@example.com sees it in the admin).
DEMO_DRAFT = {
    "owner": "participant@example.com",
    "inquiry": "What the outreach van hears",
    "title": "Two decisions the night shift changed",
    "summary": "An outreach worker at the start of our planning meeting changed two decisions.",
    "tags": "outreach, planning",
    "comment": (
        "coach@example.com",
        "This reads well. Could you say which two decisions, without naming anyone?",
    ),
}


@transaction.atomic
def seed_drafts() -> int:
    """The demo's weeknote draft, submitted for review; none if its writer has one."""
    spec = DEMO_DRAFT
    owner = accounts_demo.demo_person(spec["owner"])
    inquiry = Inquiry.objects.filter(owner=owner, title=spec["inquiry"]).first()
    if inquiry is None or owner.weeknote_drafts.exists():
        return 0
    cycle = inquiry.cycles.order_by("number").first()
    draft = drafts.draft_start(
        owner=owner, cycle=cycle, entry_ids=cycle.entries.values_list("pk", flat=True)
    )
    draft = drafts.draft_update(
        draft=draft,
        user=owner,
        title=spec["title"],
        week_of=cycle.started_on,
        summary=spec["summary"],
        body=draft.body,
        tags=spec["tags"],
    )
    coach_email, comment = spec["comment"]
    drafts.comment_create(draft=draft, author=accounts_demo.demo_person(coach_email), body=comment)
    drafts.draft_submit(draft=draft, user=owner)
    return 1


def slug_for(note: dict) -> str:
    return slugify(note["title"])


def body_for(note: dict) -> list:
    """What happened, so what, now what: the shape of a reflection, told for the public."""
    body = [
        ("heading", {"text": "What happened", "level": "h2"}),
        ("paragraph", f"<p>{note['happened']}</p>"),
        ("heading", {"text": "So what", "level": "h2"}),
        ("paragraph", f"<p>{note['so_what']}</p>"),
    ]
    if "quote" in note:
        quote, attribution = note["quote"]
        body.append(("quote", {"quote": quote, "attribution": attribution}))
    body += [
        ("heading", {"text": "Now what", "level": "h2"}),
        ("markdown", note["now_what"]),
    ]
    return body


@transaction.atomic
def seed_weeknotes() -> tuple[int, int]:
    index = WeeknoteIndexPage.objects.first()
    if index is None:
        return 0, 0
    accounts_demo.seed_people()
    cohorts_demo.seed()  # the people, issues and cohorts the weeknotes belong to
    people = cohorts_demo.people_by_email()
    issues = {issue.slug: issue for issue in Issue.objects.all()}
    cohorts = {cohort.slug: cohort for cohort in Cohort.objects.select_related("issue")}
    existing = set(WeeknotePage.objects.values_list("slug", flat=True))
    made = kept = 0
    for note in WEEKNOTES:
        slug = slug_for(note)
        if slug in existing:
            kept += 1
            continue
        issue_slug, cohort_slug = note["where"]
        cohort = cohorts[cohort_slug] if cohort_slug else None
        page = WeeknotePage(
            title=note["title"],
            slug=slug,
            week_of=FIRST_WEEK + datetime.timedelta(weeks=note["week"]),
            summary=note["summary"],
            body=body_for(note),
            # A weeknote's issue is its cohort's, whichever demo created the cohort.
            issue=cohort.issue if cohort else issues[issue_slug],
            cohort=cohort,
        )
        for order, email in enumerate(note["authors"]):
            page.authors.add(WeeknoteAuthor(user=people[email], sort_order=order))
        page.tags.add(*note["tags"])
        index.add_child(instance=page)
        page.save_revision().publish()
        made += 1
    return made, kept

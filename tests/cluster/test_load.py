"""Thirty participants at once, each posting fifty entries and comments through both
servers (issue 16, item 4): the database then holds exactly what was sent.

Every form carries its submission key. A form whose answer fails is sent again with the
same key; and one form in ten is sent twice on purpose (a double click, through the
other server), to show the second send makes nothing. The figures are printed and
written to artifacts/cluster-load.json; they are reported, not asserted.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .conftest import write_artifact
from .visitors import comment_form, comment_path, entry_form, entry_path

POSTS_EACH = 50  # half entries in their own inquiry, half comments on a neighbour's
SENT_TWICE_EVERY = 10
LABEL = "[load]"


@dataclass
class Participant:
    entries: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    sent_twice: int = 0
    unexpected: list[str] = field(default_factory=list)
    requests: int = 0
    failed_answers: int = 0


def participate(cluster, n: int) -> Participant:
    people = cluster.world["load"]
    person, neighbour = people[n], people[(n + 1) % len(people)]
    me = cluster.visitor(person["session"])
    done = Participant()
    me.get(cluster.servers[n % 2], f"/inquiries/{person['inquiry']}/")  # the page with the forms
    for post in range(POSTS_EACH):
        order = cluster.servers[(n + post) % 2 :] + cluster.servers[: (n + post) % 2]
        if post % 2 == 0:
            form, path, keys = (
                entry_form(f"{LABEL} {person['email']} {post}"),
                entry_path(person),
                done.entries,
            )
        else:
            form = comment_form(f"{LABEL} {person['email']} {post}")
            path, keys = comment_path(neighbour["inquiry"]), done.comments
        sends = 2 if post % SENT_TWICE_EVERY == 0 else 1
        for send in range(sends):
            answer = me.send_until_answered(order[send:] + order[:send], path, form)
            if answer.status_code != 302:
                done.unexpected.append(f"{answer.status_code} {path}")
        keys.append(form["submission_key"])
        done.sent_twice += sends - 1
    done.requests, done.failed_answers = me.requests, me.failed_answers
    return done


def test_thirty_participants_through_both_servers_lose_and_duplicate_nothing(cluster_ready):
    cluster = cluster_ready
    people = range(len(cluster.world["load"]))
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        everyone = list(pool.map(lambda n: participate(cluster, n), people))
    seconds = time.monotonic() - started

    entries = cluster.ledger.stored(
        "inquiries_entry", [key for p in everyone for key in p.entries], LABEL
    )
    comments = cluster.ledger.stored(
        "inquiries_comment", [key for p in everyone for key in p.comments], LABEL
    )
    requests_made = sum(p.requests for p in everyone)
    figures = {
        "participants": len(everyone),
        "servers": len(cluster.servers),
        "sent": entries.sent + comments.sent,
        "stored": entries.stored + comments.stored,
        "lost": entries.lost + comments.lost,
        "duplicated": entries.duplicated + comments.duplicated,
        "entries": {"sent": entries.sent, "stored": entries.stored, "rows": entries.rows},
        "comments": {"sent": comments.sent, "stored": comments.stored, "rows": comments.rows},
        "sent_twice_on_purpose": sum(p.sent_twice for p in everyone),
        "answers_lost_and_sent_again": sum(p.failed_answers for p in everyone),
        "requests": requests_made,
        "seconds": round(seconds, 1),
        "requests_per_second": round(requests_made / seconds, 1),
    }
    path = write_artifact("cluster-load.json", figures)
    print(
        f"\nLoad: {figures['participants']} participants through {figures['servers']} servers: "
        f"sent {figures['sent']}, stored {figures['stored']}, lost {figures['lost']}, "
        f"duplicated {figures['duplicated']} ({figures['sent_twice_on_purpose']} sent twice on "
        f"purpose); {requests_made} requests in {figures['seconds']} s, "
        f"{figures['requests_per_second']} requests/s. Written to {path}."
    )

    assert [u for p in everyone for u in p.unexpected] == []
    assert figures["sent"] == len(everyone) * POSTS_EACH
    assert (figures["lost"], figures["duplicated"]) == (0, 0)
    assert cluster.ledger.half_written() == dict.fromkeys(cluster.ledger.half_written(), [])

"""Background work on two hosts (issue 16, items 2 and 3): a notification is sent once, not
once per server, however many task workers run.

Needs the background-work part of issue 16 (item 3): emails and the daily round as
django-tasks tasks, queued in the database in production for ``manage.py db_worker``.
Each host runs its worker here with ``--batch``: it takes what is queued, at the same
moment as the other host's, until nothing is left. Emails go to the console backend, so
each worker's output holds the emails it sent.
"""

import email.policy
import subprocess
import uuid

from .harness import BIN, ROOT
from .visitors import comment_form, comment_path

MESSAGE_SEPARATOR = "-" * 79  # between two emails in the console backend's output


def test_an_email_asked_for_once_is_sent_once_with_a_worker_on_each_host(cluster_ready):
    cluster = cluster_ready
    alice = cluster.world["alice"]
    coach = cluster.visitor(cluster.world["coaches"][1]["session"])
    coach.get(cluster.a, f"/inquiries/{alice['inquiry']}/")
    form = comment_form(f"Once, not twice {uuid.uuid4().hex}")
    assert coach.post(cluster.a, comment_path(alice["inquiry"]), form).status_code == 302

    emails = run_both_hosts(cluster.env, ["db_worker", *WORKER_ONCE])
    told = [e for e in emails if e.to == alice["email"] and "Coach 1 commented" in e.subject]
    assert len(told) == 1


def test_the_daily_round_queued_on_both_hosts_at_once_sends_each_digest_once(cluster_ready):
    """Each host's scheduler runs send_digests at the same minute, and each host's
    worker runs what it finds: one digest to each person who chose one."""
    cluster = cluster_ready
    run_both_hosts(cluster.env, ["send_digests"])
    emails = run_both_hosts(cluster.env, ["db_worker", *WORKER_ONCE])

    digests = [e.to for e in emails if e.subject.startswith("[Cylch] Your daily digest")]
    assert sorted(digests) == sorted(cluster.world["digest"])

    run_both_hosts(cluster.env, ["send_digests"])
    emails = run_both_hosts(cluster.env, ["db_worker", *WORKER_ONCE])
    assert [e for e in emails if e.subject.startswith("[Cylch] Your daily digest")] == []


WORKER_ONCE = ["--batch", "--no-startup-delay", "--queue-name", "*"]


class Email:
    """An email as the console backend printed it, its headers decoded (a subject with a
    title in curly quotes is printed encoded)."""

    def __init__(self, printed: str):
        message = email.message_from_string(printed.strip(), policy=email.policy.default)
        self.to = str(message["To"] or "")
        self.subject = str(message["Subject"] or "")


def run_both_hosts(env: dict, command: list[str]) -> list[Email]:
    """A management command started on host A and host B at the same moment; the emails
    the two printed."""
    both = [
        subprocess.Popen(  # noqa: S603
            [str(BIN / "python"), "manage.py", *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _host in ("a", "b")
    ]
    outputs = [host.communicate(timeout=240) for host in both]
    for host, (_out, err) in zip(both, outputs, strict=True):
        assert host.returncode == 0, err
    printed = "\n".join(out for out, _err in outputs).split(MESSAGE_SEPARATOR)
    return [e for e in map(Email, printed) if e.to]

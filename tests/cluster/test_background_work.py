"""Background work on two hosts (issue 16, items 2 and 3): an email a request asked for is
sent once, however many task workers run.

Needs the background-work part of issue 16 (item 3): emails sent as django-tasks tasks,
its database backend and ``manage.py db_worker`` in production settings.
"""

import re
import subprocess
import uuid

from .harness import BIN, ROOT
from .visitors import comment_form, comment_path


def test_an_email_asked_for_once_is_sent_once_with_a_worker_on_each_host(cluster_ready):
    cluster = cluster_ready
    alice = cluster.world["alice"]
    coach = cluster.visitor(cluster.world["coaches"][1]["session"])
    coach.get(cluster.a, f"/inquiries/{alice['inquiry']}/")
    form = comment_form(f"Once, not twice {uuid.uuid4().hex}")
    assert coach.post(cluster.a, comment_path(alice["inquiry"]), form).status_code == 302

    # Each host's worker takes what is queued, at the same moment, until nothing is left.
    command = [
        str(BIN / "python"), "manage.py", "db_worker",
        "--batch", "--no-startup-delay", "--queue-name", "*",
    ]  # fmt: skip
    workers = [
        subprocess.Popen(command, cwd=ROOT, env=cluster.env, stdout=subprocess.PIPE, text=True)  # noqa: S603
        for _host in ("a", "b")
    ]
    outputs = [worker.communicate(timeout=240)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0]

    told = [
        message
        for message in "\n".join(outputs).split("-" * 79)
        if re.search(rf"^To: {re.escape(alice['email'])}$", message, re.MULTILINE)
        and "Coach 1 commented on your inquiry" in message
    ]
    assert len(told) == 1

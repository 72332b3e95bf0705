"""gunicorn's settings for Cylch, read from the environment.

    gunicorn -c cylch/gunicorn.conf.py

The variables are in docs/deployment.md, "Environment variables".
"""

import os

from cylch.settings.env import env_int, env_str

wsgi_app = "cylch.wsgi:application"

bind = env_str("GUNICORN_BIND") or "127.0.0.1:8000"
# gunicorn's own advice: two workers per core, and one more.
workers = env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)

# A request slower than this is stuck: its worker is killed and replaced.
timeout = env_int("GUNICORN_TIMEOUT", 30)
# On restart or deploy (SIGTERM), a worker finishes the request it is serving.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Workers are replaced now and then, so slow leaks never grow; the jitter keeps
# them from all restarting at once.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# To standard output, for journald or the container's log: the client as the
# load balancer saw it, the request, status, size, milliseconds, and user agent.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# gunicorn 27's control socket sits at one fixed path per user, so two servers on
# one machine would fight over it; nothing here uses it.
control_socket_disable = True

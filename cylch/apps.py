from django.apps import AppConfig
from django.db.backends.signals import connection_created

# Set on each new connection rather than as startup options, which PgBouncer refuses
# unless told to pass them. Measured at programme scale (docs/performance.md):
SETTINGS_FOR_WEB_REQUESTS = {
    # The visibility rule's subqueries make PostgreSQL estimate a costly plan for queries
    # that read a few rows, and past jit_above_cost it compiled them: the weeknote drafts
    # on /me/ took 33 ms to compile and 0.04 to run.
    "jit": "off",
    # Requests are what run side by side: a search that also took two parallel workers
    # used three processes' CPU for the time of one (14.4 searches a second on two
    # cores under load, 18.6 without).
    "max_parallel_workers_per_gather": "0",
}


def tune_postgresql(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT "
                + ", ".join(["set_config(%s, %s, false)"] * len(SETTINGS_FOR_WEB_REQUESTS)),
                [value for setting in SETTINGS_FOR_WEB_REQUESTS.items() for value in setting],
            )


class CylchConfig(AppConfig):
    name = "cylch"

    def ready(self):
        connection_created.connect(tune_postgresql, dispatch_uid="cylch.tune_postgresql")

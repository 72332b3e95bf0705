"""The parts of a small production cluster on loopback, each private to the test run.

A PostgreSQL of its own (initdb into a temporary directory, on a free port), a Redis of
its own, and gunicorn servers in production settings. Nothing here touches the
machine's shared PostgreSQL on 5432 or Redis on 6379: the fault tests stop and start
these parts freely. Every part runs in its own process group, so stopping it stops
whatever it started.
"""

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
# Debian's PostgreSQL programs, of the newest version installed.
PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda bin: int(bin.parent.name))
BIN = Path(sys.executable).parent
# As production runs it; GUNICORN_BIND and WEB_CONCURRENCY below choose port and workers.
GUNICORN_CONFIG = ROOT / "cylch" / "gunicorn.conf.py"
READY_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(ready: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} was not ready after {seconds} s")


def stop_group(process: subprocess.Popen, sig=signal.SIGTERM, seconds: float = 15) -> None:
    """Stop a process and everything in its group; kill them if they do not stop."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(seconds)
    except ProcessLookupError:
        pass


def _as_postgres() -> list[str]:
    # PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PrivatePostgres:
    """A PostgreSQL cluster in a temporary directory, listening on 127.0.0.1 only."""

    def __init__(self, workdir: Path):
        self.dir = workdir / "postgres"
        self.dir.mkdir()
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/cylch"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(
            PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\n"
                # Durability against a crashed process needs only the WAL, written on
                # every commit; fsync guards against a crashed machine, not tested here.
                "fsync = off\n"
                "max_connections = 100\n"
            )
        self.start()
        self._run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "cylch")

    def _run(self, *command) -> None:
        subprocess.run(  # noqa: S603
            [*_as_postgres(), *map(str, command)], check=True, capture_output=True, cwd="/"
        )

    def start(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.dir / "log", "-w", "start")

    def stop(self, mode: str = "immediate") -> None:
        """``immediate`` is a crash: no checkpoint, the next start recovers from the WAL."""
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    @property
    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def close(self) -> None:
        if self.running:
            self.stop("fast")


class PrivateRedis:
    """A Redis that keeps nothing on disk, on a free port."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        command = [
            shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no",
        ]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603
            command, stdout=subprocess.DEVNULL, start_new_session=True
        )
        wait_until(self._answers, READY_SECONDS, "Redis")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        stop_group(self.process)

    def close(self) -> None:
        self.stop()


def production_env(*, database_url: str, redis_url: str, media_root: Path) -> dict:
    """The environment a production host runs with: every secret and address given."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cylch.settings.production",
        "SECRET_KEY": "cluster-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(media_root),
        # The test client speaks plain HTTP on loopback and says, as the TLS proxy in
        # front of production would, X-Forwarded-Proto: https (tests/cluster/visitors.py).
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def run_python(env: dict, *args: str, timeout: float = 300) -> str:
    """Run Python as a production host would (``manage.py`` and its commands); its output."""
    done = subprocess.run(  # noqa: S603
        [str(BIN / "python"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class AppServer:
    """gunicorn serving Cylch on one loopback port, as one of several app servers."""

    def __init__(self, name: str, env: dict, workdir: Path, workers: int = 2):
        self.name = name
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"gunicorn-{name}.log"
        command = [str(BIN / "gunicorn"), "--config", str(GUNICORN_CONFIG)]
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def wait_until_ready(self) -> None:
        wait_until(self._answers, READY_SECONDS, f"gunicorn {self.name} ({self.log})")

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn {self.name} exited: see {self.log}")
        try:
            requests.get(self.url + "/healthz", timeout=2)
        except requests.RequestException:
            return False
        return True

    def worker_pids(self) -> list[int]:
        """The worker processes the gunicorn master runs now."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill_a_worker(self) -> None:
        """SIGKILL one worker, chosen at random once the master has all its workers again."""
        wait_until(lambda: len(self.worker_pids()) == self.workers, READY_SECONDS, "workers")
        with contextlib.suppress(ProcessLookupError):  # it died of a kill just before
            os.kill(random.choice(self.worker_pids()), signal.SIGKILL)  # noqa: S311

    def close(self) -> None:
        stop_group(self.process, signal.SIGQUIT)  # gunicorn's quick shutdown


def make_workdir() -> Path:
    workdir = Path(tempfile.mkdtemp(prefix="cylch-cluster-"))
    workdir.chmod(0o755)  # the postgres user works in a folder inside it
    return workdir

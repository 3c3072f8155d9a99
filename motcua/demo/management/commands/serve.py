"""Serve motcua: gunicorn (WSGI) and the background worker together; Ctrl-C stops both."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.demo.management.commands.seed_demo import format_logins
from motcua.demo.selectors import demo_logins
from motcua.env import env

# Simulators whose state must be one for all processes (what was pushed, what is held).
SHARED_SIMULATORS = ("national-portal", "notifications", "population", "payment")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = (
        "Serve the web application (gunicorn), the background worker, outbox delivery and the "
        "periodic jobs until Ctrl-C."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--workers", type=int, default=env.int("WEB_WORKERS", 2, minimum=1))
        parser.add_argument("--no-worker", action="store_true", help="web server only")

    def handle(self, *args, workers: int, no_worker: bool, **options) -> None:
        host = env.str("HOST", "127.0.0.1")
        port = env.int("PORT", 8000, minimum=1)
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        processes = self.start_simulators(manage)
        processes["web"] = self.start_web(host, port, workers)
        if not no_worker:
            processes["worker"] = subprocess.Popen([*manage, "run_worker", "--no-reload"])
            # Messages to the national systems leave through the outbox, delivered here.
            processes["delivery"] = subprocess.Popen([*manage, "run_delivery", "--interval", "2"])
            # Periodic jobs: payment reconciliation, population back-fill, portal reconciliation.
            processes["scheduler"] = subprocess.Popen([*manage, "run_scheduler"])
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
        if self.wait_ready(url, processes["web"]):
            self.banner(url)
        while not stopping and all(p.poll() is None for p in processes.values()):
            time.sleep(0.3)
        self.shutdown(processes)
        failed = [name for name, p in processes.items() if p.returncode not in (0, -15, None)]
        if failed and not stopping:
            raise CommandError(f"{', '.join(failed)} stopped unexpectedly; see the log above")

    def start_simulators(self, manage: list[str]) -> dict[str, subprocess.Popen]:
        """In simulated mode, serve the stateful simulators once for every process.

        The web process (reconciliation, the health page), the delivery worker and the
        scheduler then see one national portal, as they would see the real one.
        """
        if settings.INTEGRATIONS_MODE != "simulated" or settings.SIMULATOR_SERVERS:
            return {}
        processes, served = {}, {}
        for system in SHARED_SIMULATORS:
            port = _free_port()
            processes[f"simulator {system}"] = subprocess.Popen(
                [*manage, "run_simulator", system, "--port", str(port)], stdout=subprocess.DEVNULL
            )
            served[system] = f"http://127.0.0.1:{port}"
        # The worker and the scheduler call them at once: a refused first call would send
        # the demo's backdated messages (their time budget long spent) to the dead letters.
        for system, url in served.items():
            if not self.wait_ready(url + "/_simulator/", processes[f"simulator {system}"], probe=""):
                raise CommandError(f"the {system} simulator did not start; see the log above")
        os.environ["SIMULATOR_SERVERS"] = ",".join(
            f"{s}={u}" for s, u in served.items()
        )  # for the next processes
        return processes

    def start_web(self, host: str, port: int, workers: int) -> subprocess.Popen:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "motcua.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--keep-alive",
                "2",
                "--access-logfile",
                "-",
            ]
        )

    def wait_ready(
        self, url: str, process: subprocess.Popen, seconds: float = 30, probe: str = "healthz"
    ) -> bool:
        """Whether ``url + probe`` answered 200 within ``seconds`` while ``process`` ran."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(url + probe, timeout=2) as response:  # noqa: S310
                    return response.status == 200
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        return False

    def banner(self, url: str) -> None:
        self.stdout.write(self.style.SUCCESS(f"\nmotcua is serving at {url}"))
        self.stdout.write(
            f"  citizens: {url}    officials: {url}backoffice/    "
            f"admin: {url}admin/    API: {url}api/v1/docs/"
        )
        logins = demo_logins()
        if logins:
            self.stdout.write(format_logins(logins))
        self.stdout.write("Press Ctrl-C to stop.\n")

    def shutdown(self, processes: dict[str, subprocess.Popen]) -> None:
        # The simulators last: a job finishing during the stop still finds its national system.
        simulators = {name: p for name, p in processes.items() if name.startswith("simulator ")}
        self.stop([p for name, p in processes.items() if name not in simulators])
        self.stop(list(simulators.values()))
        self.stdout.write("stopped web server, worker, delivery, scheduler and simulators")

    def stop(self, processes: list[subprocess.Popen]) -> None:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

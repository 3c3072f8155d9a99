"""Serve one national or sector system's simulator over HTTP until stopped."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.simulator_server import make_server, set_switches, switches_of
from motcua.integrations.simulators import simulated_systems, simulator_for


class Command(BaseCommand):
    help = (
        "Serve a simulator (national-portal, payment, population, tax, …) as a standalone HTTP "
        "server; switches at /_simulator/."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("system", help="the system's short id, e.g. national-portal")
        parser.add_argument("--port", type=int, required=True)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--latency", type=float, help="seconds added to every answer")
        parser.add_argument("--error-rate", type=float, help="share of requests answered 503 (0–1)")
        parser.add_argument("--down", action="store_true", help="start as if the system were down")

    def handle(self, *args, system: str, port: int, host: str, **options) -> None:
        try:
            simulator = simulator_for(system)
        except LookupError:
            known = ", ".join(simulated_systems())
            raise CommandError(f"no simulator named {system!r}; known: {known}") from None
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}")
        self.apply(simulator, options)
        try:
            server = make_server(simulator, host=host, port=port)
        except OSError as error:
            raise CommandError(f"cannot listen on {host}:{port}: {error.strerror}") from error
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.stdout.write(
            f"{system} simulator on http://{host}:{port}/ (switches: {switches_of(simulator)}); "
            f"GET/POST http://{host}:{port}/_simulator/ to inspect and change it"
        )
        stop.wait()
        server.shutdown()
        server.server_close()
        self.stdout.write(f"{system} simulator stopped")

    def apply(self, simulator: object, options: dict) -> None:
        values = {"latency": options["latency"], "error_rate": options["error_rate"]}
        values = {name: value for name, value in values.items() if value is not None}
        if options["down"]:
            values["down"] = True
        if values.get("error_rate", 0) > 1:
            raise CommandError("--error-rate is a share between 0 and 1")
        try:
            set_switches(simulator, values)
        except (ValueError, TypeError) as error:
            raise CommandError(str(error)) from error

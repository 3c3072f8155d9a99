"""One simulator served over HTTP: its wire API, and ``/_simulator/`` to read and set switches.

``GET /_simulator/`` → the switches and the record of what it received;
``POST /_simulator/switches`` with a JSON object sets switches by name (``latency``,
``error_rate``, ``down`` and the simulator's own); ``POST /_simulator/reset`` clears it.
``POST /_simulator/<action>`` with a JSON body calls ``simulator.control(action, body)``
when the simulator has one (a trainer's action, e.g. the portal's ``submit-dossier``).
While ``down`` the server drops every wire request without an answer, as a dead host does.
"""

from __future__ import annotations

import json
import logging
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from motcua.integrations.simulators import Simulator
from motcua.integrations.transport import WireRequest, WireResponse

logger = logging.getLogger(__name__)

CONTROL = "/_simulator"
SWITCH_TYPES = (bool, int, float, str, list)


def make_server(simulator: Simulator, *, host: str, port: int) -> ThreadingHTTPServer:
    class Handler(_SimulatorHandler):
        pass

    Handler.simulator = simulator
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


class _SimulatorHandler(BaseHTTPRequestHandler):
    simulator: Simulator
    protocol_version = "HTTP/1.1"  # keep-alive: the outbox workers reuse their connections
    disable_nagle_algorithm = True  # headers and body go in two writes; no 40 ms ACK stall

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.address_string(), format % args)

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith(CONTROL):
            self._send(self._control(body))
            return
        if self.simulator.is_down():
            self.close_connection = True  # no answer at all: the client sees a dropped connection
            return
        if self.simulator.latency:
            time.sleep(self.simulator.latency)
        request = WireRequest(self.command, self.path, dict(self.headers.items()), body)
        self._send(self.simulator.handle(request))

    def _control(self, body: bytes) -> WireResponse:
        path = self.path.rstrip("/")
        if self.command == "GET" and path == CONTROL:
            return _json(200, {"switches": switches_of(self.simulator), "record": self.simulator.record()})
        if self.command == "POST" and path == CONTROL + "/reset":
            self.simulator.reset()
            return _json(200, {"switches": switches_of(self.simulator)})
        if self.command == "POST" and path == CONTROL + "/switches":
            try:
                set_switches(self.simulator, json.loads(body or b"{}"))
            except (ValueError, TypeError) as error:
                return _json(400, {"error": str(error)})
            return _json(200, {"switches": switches_of(self.simulator)})
        control = getattr(self.simulator, "control", None)
        if self.command == "POST" and control is not None and path.startswith(CONTROL + "/"):
            try:
                return _json(200, control(path[len(CONTROL) + 1 :], json.loads(body or b"{}")))
            except (ValueError, TypeError) as error:
                return _json(400, {"error": str(error)})
        return _json(404, {"error": "not found"})

    def _send(self, response: WireResponse) -> None:
        self.send_response(response.status)
        headers = {"Content-Type": "application/json", **response.headers}
        for name, value in headers.items():
            if name.lower() not in ("content-length", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)


def switches_of(simulator: Simulator) -> dict[str, Any]:
    """The simulator's public settable attributes (not its record)."""
    names = getattr(simulator, "SWITCHES", ("latency", "error_rate", "down"))
    return {name: _plain(getattr(simulator, name)) for name in names}


def set_switches(simulator: Simulator, values: Any) -> None:
    if not isinstance(values, dict):
        raise TypeError("send a JSON object of switches")
    known = switches_of(simulator)
    for name, value in values.items():
        if name not in known:
            raise ValueError(f"unknown switch {name!r}; known: {', '.join(sorted(known))}")
        if not isinstance(value, SWITCH_TYPES):
            raise TypeError(f"switch {name!r} takes a plain JSON value")
        current = getattr(simulator, name)
        setattr(simulator, name, _coerce(current, value, name))


def _coerce(current: Any, value: Any, name: str) -> Any:
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise TypeError(f"switch {name!r} takes true or false")
        return value
    if isinstance(current, int | float) and not isinstance(value, bool):
        number = float(value)
        if number < 0:
            raise ValueError(f"switch {name!r} cannot be negative")
        return number
    if isinstance(current, set):
        return set(value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _json(status: int, body: dict[str, Any]) -> WireResponse:
    return WireResponse(status, json.dumps(body, ensure_ascii=False).encode(), {})

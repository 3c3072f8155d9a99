"""Test support for VNeID logins: the back channel through Django's test client, and a flow driver.

``InProcessAdapter`` is a ``requests`` transport adapter that hands each back-channel
request (discovery, token, JWKS) to a fresh, cookie-less ``django.test.Client``: the real
simulator answers in the test's own database transaction, without a live server. Hooks let
a test rewrite an answer (a tampered ID token) or make the provider unreachable.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from motcua.integrations.vneid import client as vneid_client
from motcua.integrations.vneid.simulator.registration import register_motcua_client

CALLBACK = "http://testserver/dang-nhap/vneid/callback/"
LEVEL_2 = "004095001234"  # Nông Thị Hoa, level 2, with a phone
LEVEL_1 = "004301007777"  # Lương Minh Khánh, level 1, no phone


@dataclass
class InProcessAdapter(BaseAdapter):
    rewrite: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = field(default_factory=dict)
    down: bool = False
    calls: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        parts = urlsplit(request.url)
        self.calls.append(parts.path)
        if self.down:
            raise requests.ConnectionError("connection refused (simulated)")
        headers = {k: v for k, v in request.headers.items() if k.lower() not in {"content-length", "host"}}
        content_type = headers.pop("Content-Type", "application/octet-stream")
        body = request.body or b""
        answer = Client().generic(
            request.method,
            parts.path + (f"?{parts.query}" if parts.query else ""),
            data=body.encode() if isinstance(body, str) else body,
            content_type=content_type,
            secure=parts.scheme == "https",
            headers=headers,
            HTTP_HOST=parts.netloc,
        )
        content = answer.content
        for suffix, rewrite in self.rewrite.items():
            if parts.path.endswith(suffix) and answer.status_code == 200:
                content = json.dumps(rewrite(json.loads(content))).encode()
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = content
        response.headers = CaseInsensitiveDict(dict(answer.items()))
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        pass


@pytest.fixture
def vneid_simulator(db):
    """The simulator with motcua registered for http://testserver; the back channel in-process."""
    register_motcua_client(redirect_uris=[CALLBACK])
    adapter = InProcessAdapter()
    with vneid_client.use_transport(adapter):
        yield adapter


def start_login(client: Client, *, next_url: str = "/tai-khoan/") -> str:
    """Press the VNeID button; the authorize URL (path and query) on the simulator."""
    response = client.post("/dang-nhap/", {"next": next_url})
    assert response.status_code == 302, response.content[:500]
    location = urlsplit(response["Location"])
    assert location.path == "/gia-lap/vneid/authorize/"
    return f"{location.path}?{location.query}"


def choose_identity(client: Client, authorize_url: str, citizen_id: str) -> str:
    """On the simulator: be sent to its login page, pick a person; the callback URL with the code."""
    to_login = client.get(authorize_url)
    assert to_login.status_code == 302 and "/gia-lap/vneid/dang-nhap/" in to_login["Location"]
    chosen = client.post("/gia-lap/vneid/dang-nhap/", {"next": authorize_url, "citizen_id": citizen_id})
    assert chosen.status_code == 302 and chosen["Location"] == authorize_url
    issued = client.get(authorize_url)
    assert issued.status_code == 302, issued.content[:500]
    assert issued["Location"].startswith(CALLBACK)
    return issued["Location"]


def log_in(client: Client, citizen_id: str = LEVEL_2, *, next_url: str = "/tai-khoan/") -> Any:
    """The whole login through the simulator's pages; the callback's response."""
    callback = choose_identity(client, start_login(client, next_url=next_url), citizen_id)
    return client.get(callback)


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}

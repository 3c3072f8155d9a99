def assert_json_error(response, status: int, code: str) -> dict:
    """The response is the API's JSON error with this status and stable code."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["detail"], str) and body["detail"]
    return body

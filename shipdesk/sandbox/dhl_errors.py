"""DHL Parcel NL's error body as the sandbox answers it: DhlError and the helpers that build
it. Every error has DHL's body `{"key", "message", "details": [{"field", "message"}]}`."""

from __future__ import annotations

from collections.abc import Iterable

from werkzeug.wrappers import Response

from shipdesk.sandbox.wsgi import json_response


class DhlError(Exception):
    def __init__(
        self,
        status: int,
        key: str,
        message: str,
        details: Iterable[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.key, self.message = status, key, message
        self.details = list(details)
        self.headers = headers or {}

    def response(self) -> Response:
        return error_response(self.status, self.key, self.message, self.details, self.headers)


def error_response(
    status: int,
    key: str,
    message: str,
    details: Iterable[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    body = {"key": key, "message": message, "details": list(details)}
    return json_response(body, status, headers)


def field_detail(field_name: str, message: str) -> dict[str, str]:
    return {"field": field_name, "message": message}


def invalid(field_name: str, message: str, key: str = "VALIDATION_ERROR") -> DhlError:
    return DhlError(400, key, f"{field_name}: {message}", [field_detail(field_name, message)])

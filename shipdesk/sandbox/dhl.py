"""DHL Parcel NL (api-gw.dhlparcel.nl) as the sandbox plays it; see contracts/dhl-parcel-nl.md.

Endpoints (all but the two /authenticate calls need `Authorization: Bearer <accessToken>`):

    POST /authenticate/api-key         {"userId", "key"} -> token pair + accountNumbers
    POST /authenticate/refresh-token   {"refreshToken"} -> new pair; the old refresh token dies
    GET  /capabilities/{business|consumer}?fromCountry&toCountry&toBusiness&toPostalCode
                                        &parcelType&option&accountNumber&carrier
    POST /shipments                    idempotent per shipmentId (201 new, 200 replay, 409)
    GET  /labels?orderReferenceFilter= label summaries for an order reference
    GET  /labels/{labelId}             JSON (default, base64 PDF), PDF, or ZPL (?labelFormat=zpl,
                                        Accept: application/zpl; ?dpi=203|300|600)
    POST /labels/multi                 {"labelIds": [...]} -> one PDF, a page per label (Accept:
                                        application/pdf; JSON {"pdf": base64} by default)
    GET  /track-trace?key=CODE[+POSTCODE][,CODE...]
    GET  /parcel-shop-locations/{cc}[/{id}]   the ServicePoint finder, no login (see
                                        dhl_parcel_shops.py; a shipment's PS must name an
                                        open point in the receiver's country)

Every error has DHL's body `{"key", "message", "details": [{"field", "message"}]}`
(dhl_errors.py).

This module is the HTTP app; what it serves lives beside it: the catalogue and its rules
(dhl_catalogue.py), the validation of a shipment (dhl_validation.py), the account, tokens,
shipments and track & trace (dhl_state.py), the labels (dhl_labels.py).
"""

from __future__ import annotations

import base64
from typing import Any

from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from shipdesk.sandbox.dhl_errors import DhlError, error_response, invalid
from shipdesk.sandbox.dhl_labels import LABEL_TYPE, ZPL_DPIS, render_pdf, render_zpl
from shipdesk.sandbox.dhl_parcel_shops import FinderError
from shipdesk.sandbox.dhl_state import DhlState
from shipdesk.sandbox.faults import FaultConfig, FaultInjector
from shipdesk.sandbox.wsgi import json_response


def _fault_response(status: int, _detail_text: str) -> Response:
    if status == 429:
        return error_response(
            429,
            "TOO_MANY_REQUESTS",
            "Too many requests, try again later.",
            (),
            {"Retry-After": "1"},
        )
    key = "INTERNAL_SERVER_ERROR" if status == 500 else "SERVICE_UNAVAILABLE"
    return error_response(status, key, "The service is temporarily unavailable.")


# -- the WSGI app --

PUBLIC_ENDPOINTS = frozenset({"login", "refresh", "parcel_shops", "parcel_shop"})
LABEL_MEDIA_TYPES = {  # first is the default for */*
    "application/json": "json",
    "application/pdf": "pdf",
    "application/zpl": "zpl",
    "application/x-zpl": "zpl",
}


class DhlApp:
    def __init__(self, state: DhlState) -> None:
        self.state = state
        self.urls = Map(
            [
                Rule("/authenticate/api-key", endpoint="login", methods=["POST"]),
                Rule("/authenticate/refresh-token", endpoint="refresh", methods=["POST"]),
                Rule(
                    "/capabilities/<any(business, consumer):sender>",
                    endpoint="capabilities",
                    methods=["GET"],
                ),
                Rule("/shipments", endpoint="shipments", methods=["POST"]),
                Rule("/labels", endpoint="labels", methods=["GET"]),
                Rule("/labels/multi", endpoint="labels_multi", methods=["POST"]),
                Rule("/labels/<label_id>", endpoint="label", methods=["GET"]),
                Rule("/track-trace", endpoint="track_trace", methods=["GET"]),
                Rule("/parcel-shop-locations/<country>", endpoint="parcel_shops", methods=["GET"]),
                Rule(
                    "/parcel-shop-locations/<country>/<point_id>",
                    endpoint="parcel_shop",
                    methods=["GET"],
                ),
            ],
            strict_slashes=False,
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.dispatch(Request(environ))(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        try:
            endpoint, values = self.urls.bind_to_environ(request.environ).match()
        except MethodNotAllowed as exc:
            allow = ", ".join(sorted(exc.valid_methods or ()))
            return error_response(
                405,
                "METHOD_NOT_ALLOWED",
                f"{request.method} is not allowed here.",
                (),
                {"Allow": allow},
            )
        except HTTPException:
            return error_response(404, "NOT_FOUND", f"No resource at {request.path}.")
        with self.state.lock:
            self.state.stats[endpoint] += 1
        try:
            if endpoint not in PUBLIC_ENDPOINTS:
                self.state.authorize(request.headers.get("Authorization"))
            return getattr(self, f"on_{endpoint}")(request, **values)
        except (DhlError, FinderError) as exc:
            return exc.response()

    @staticmethod
    def _json_body(request: Request) -> Any:
        body = request.get_json(force=True, silent=True)
        if body is None:
            raise DhlError(400, "INVALID_REQUEST_BODY", "The request body must be valid JSON.")
        return body

    def on_login(self, request: Request) -> Response:
        return json_response(self.state.login(self._json_body(request)))

    def on_refresh(self, request: Request) -> Response:
        return json_response(self.state.refresh(self._json_body(request)))

    def on_capabilities(self, request: Request, sender: str) -> Response:
        return json_response(self.state.capabilities(sender, request.args.to_dict()))

    def on_shipments(self, request: Request) -> Response:
        status, body = self.state.create_shipment(self._json_body(request))
        return json_response(body, status)

    def on_labels(self, request: Request) -> Response:
        return json_response(
            self.state.labels_for_reference(request.args.get("orderReferenceFilter"))
        )

    def on_label(self, request: Request, label_id: str) -> Response:
        fmt = self._label_format(request)
        (label,) = self.state.label_data([label_id])
        with self.state.lock:
            self.state.stats[f"labels:{fmt}"] += 1
        if fmt == "zpl":
            zpl = render_zpl(label, _dpi_param(request))
            return Response(zpl, content_type="application/zpl; charset=utf-8")
        pdf = render_pdf([label])
        if fmt == "pdf":
            return Response(pdf, content_type="application/pdf")
        with self.state.lock:
            piece = self.state.labels[label_id]
            summary = self.state.label_summary(piece)
        return json_response(
            {
                "labelId": label_id,
                "trackerCode": piece.tracker_code,
                "parcelType": piece.parcel_type,
                "labelType": LABEL_TYPE,
                "pieceNumber": piece.piece_number,
                "orderReference": summary["orderReference"],
                "shipmentId": summary["shipmentId"],
                "pdf": base64.b64encode(pdf).decode("ascii"),
            }
        )

    def on_labels_multi(self, request: Request) -> Response:
        body = self._json_body(request)
        ids = body.get("labelIds") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise invalid("labelIds", "must be a non-empty list of label ids")
        if len(ids) > 100:
            raise invalid("labelIds", "at most 100 labels at once")
        page_size = ((body.get("pdfOptions") or {}) if isinstance(body, dict) else {}).get(
            "pageSize", "original"
        )
        if page_size != "original":
            raise invalid("pdfOptions.pageSize", "only 'original' is supported")
        fmt = self._label_format(request)
        labels = self.state.label_data(ids)
        with self.state.lock:
            self.state.stats[f"labels_multi:{fmt}"] += 1
        if fmt == "zpl":
            dpi = _dpi_param(request)
            zpl = "".join(render_zpl(label, dpi) for label in labels)
            return Response(zpl, content_type="application/zpl; charset=utf-8")
        pdf = render_pdf(labels)
        if fmt == "pdf":
            return Response(pdf, content_type="application/pdf")
        return json_response({"labelIds": ids, "pdf": base64.b64encode(pdf).decode("ascii")})

    def _label_format(self, request: Request) -> str:
        asked = request.args.get("labelFormat") or request.args.get("format")
        if asked:
            fmt = asked.lower()
            if fmt not in ("json", "pdf", "zpl"):
                raise invalid("labelFormat", "must be json, pdf or zpl")
        elif not request.accept_mimetypes:
            fmt = "json"
        else:
            best = request.accept_mimetypes.best_match(list(LABEL_MEDIA_TYPES))
            if best is None:
                raise DhlError(
                    406,
                    "NOT_ACCEPTABLE",
                    "Labels come as application/json, application/pdf or application/zpl.",
                )
            fmt = LABEL_MEDIA_TYPES[best]
        if fmt == "zpl" and not self.state.zpl_enabled:
            raise DhlError(
                406, "LABEL_FORMAT_NOT_AVAILABLE", "ZPL labels are not enabled for this account."
            )
        return fmt

    def on_track_trace(self, request: Request) -> Response:
        keys = []
        for value in request.args.getlist("key"):
            for item in value.split(","):
                # "CODE+POSTCODE"; a raw "+" in a query string arrives as a space.
                code, _, postal = item.strip().replace(" ", "+").partition("+")
                if code:
                    keys.append((code.upper(), postal.replace("+", "")))
        if not keys:
            raise invalid("key", "at least one tracker code is required")
        if len(keys) > 50:
            raise invalid("key", "at most 50 tracker codes at once")
        return json_response(self.state.track(keys))

    def on_parcel_shops(self, request: Request, country: str) -> Response:
        return json_response(self.state.parcel_shops.search(country, request.args.to_dict()))

    def on_parcel_shop(self, request: Request, country: str, point_id: str) -> Response:
        return json_response(self.state.parcel_shops.one(country, point_id))


def _dpi_param(request: Request) -> int:
    raw = request.args.get("dpi", "203")
    if not raw.isdigit() or int(raw) not in ZPL_DPIS:
        raise invalid("dpi", f"must be one of {', '.join(map(str, ZPL_DPIS))}")
    return int(raw)


def make_dhl_app(state: DhlState, faults: FaultConfig) -> FaultInjector:
    return FaultInjector(DhlApp(state), faults, _fault_response)

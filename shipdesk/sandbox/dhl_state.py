"""The DHL Parcel NL sandbox's state: the shipper's account, its JWT tokens, shipments and
their pieces (labels), and track & trace. DhlState answers what the HTTP app (dhl.py) asks.

Access tokens are HS256 JWTs valid `access_ttl` (15 min) by the sandbox clock; refresh tokens
7 days. Like real JWTs they stay valid until they expire, even after `revoke_key()` (which
makes logins and refreshes fail); `expire_access_tokens()` ends them early for tests.

Track & trace: every piece of a shipment follows TRACKING_TIMELINE from its creation (hours
divided by `time_scale`): data received, in transit (1 h), at the delivery depot (10 h), out for
delivery (18 h), delivered (24 h); events oldest first, times in UTC. Unknown codes (or a
postcode that does not match) give an entry with no events, not a 404: one bad code must not hide
the others in a batch. `halt()` freezes a parcel ("never scanned") and `add_event()` adds e.g. an
EXCEPTION event (which halts it too).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import hmac
import json
import random
import secrets
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from shipdesk.sandbox.dhl_catalogue import OPTIONS, PARCEL_TYPES, PRODUCTS, capabilities
from shipdesk.sandbox.dhl_errors import DhlError, field_detail, invalid
from shipdesk.sandbox.dhl_labels import LABEL_TYPE, LabelData
from shipdesk.sandbox.dhl_parcel_shops import FinderError, ParcelShopFinder
from shipdesk.sandbox.dhl_validation import text_value, validate_shipment
from shipdesk.sandbox.geography import (
    ISO_COUNTRIES,
    SERVED_COUNTRIES,
    normalize_postal_code,
    postal_code_ok,
)

ACCESS_TTL = 15 * 60
REFRESH_TTL = 7 * 24 * 3600
JWT_ISSUER = "https://api-gw.dhlparcel.nl"
HOUR = 3600.0
DHL_TIME_ZONE = ZoneInfo("Europe/Amsterdam")  # the date printed on a label is the Dutch one

# -- track & trace: (hours after creation, category, status, where) --
TRACKING_TIMELINE = (
    (0.0, "DATA_RECEIVED", "PRENOTIFICATION_RECEIVED", "shipper"),
    (1.0, "UNDERWAY", "IN_TRANSIT", "hub"),
    (10.0, "UNDERWAY", "ARRIVED_AT_DELIVERY_DEPOT", "depot"),
    (18.0, "IN_DELIVERY", "OUT_FOR_DELIVERY", "receiver"),
    (24.0, "DELIVERED", "DELIVERED", "receiver"),
)
PLANNED_DELIVERY_HOURS = (20.0, 25.0)
HALTING_CATEGORIES = frozenset({"EXCEPTION", "PROBLEM", "RETURNED"})


# -- JWT --


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_jwt(claims: dict[str, Any], secret: bytes) -> str:
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64url(signature)}"


def read_jwt(token: str, secret: bytes) -> dict[str, Any] | None:
    """The claims of a token this sandbox signed, or None (malformed or bad signature)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    header, payload, signature = parts
    expected = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(_b64url_decode(signature), expected):
            return None
        claims = json.loads(_b64url_decode(payload))
    except (ValueError, UnicodeDecodeError):
        return None
    return claims if isinstance(claims, dict) else None


# -- state --


@dataclass(frozen=True)
class DhlAccount:
    """The sandbox shipper's My DHL Portal API key and customer numbers."""

    user_id: str
    api_key: str
    account_numbers: tuple[str, ...]


def dhl_account(seed: int) -> DhlAccount:
    rng = random.Random(f"dhl-account-{seed}")
    base = 8500000 + (seed % 1000) * 10
    return DhlAccount(
        user_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        api_key=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        account_numbers=(f"{base + 1:08d}", f"{base + 2:08d}"),
    )


@dataclass
class Piece:
    label_id: str
    tracker_code: str
    parcel_type: str
    piece_number: int
    weight_kg: float | None
    shipment_id: str

    def response(self) -> dict[str, Any]:
        return {
            "labelId": self.label_id,
            "trackerCode": self.tracker_code,
            "parcelType": self.parcel_type,
            "pieceNumber": self.piece_number,
            "labelType": LABEL_TYPE,
        }


@dataclass
class Shipment:
    shipment_id: str
    body: dict[str, Any]
    fingerprint: str
    created_at: float
    product: str
    options: list[str]
    inputs: dict[str, Any]
    pieces: list[Piece]
    halted_at: float | None = None
    extra_events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def order_reference(self) -> str:
        return text_value(self.body.get("orderReference")) or ""

    def response(self) -> dict[str, Any]:
        return {
            "shipmentId": self.shipment_id,
            "product": self.product,
            "pieces": [piece.response() for piece in self.pieces],
            "orderReference": self.order_reference,
        }


def iso(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fingerprint(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass
class DhlState:
    """The shipper's account, tokens, shipments and labels. Thread-safe."""

    account: DhlAccount
    clock: Callable[[], float] = time.time
    time_scale: float = 1.0
    seed: int = 0
    access_ttl: float = ACCESS_TTL
    refresh_ttl: float = REFRESH_TTL
    zpl_enabled: bool = True  # ZPL is account-dependent at DHL
    key_revoked: bool = False
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    refresh_tokens: dict[str, float] = field(default_factory=dict)  # token -> expires at
    shipments: dict[str, Shipment] = field(default_factory=dict)
    labels: dict[str, Piece] = field(default_factory=dict)  # labelId -> piece
    trackers: dict[str, Piece] = field(default_factory=dict)  # trackerCode -> piece
    stats: Counter = field(default_factory=Counter)
    parcel_shops: ParcelShopFinder = field(default_factory=ParcelShopFinder)
    lock: threading.RLock = field(default_factory=threading.RLock)
    _expired_jti: set[str] = field(default_factory=set)
    _issued_jti: set[str] = field(default_factory=set)
    _rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self._rng = random.Random(f"dhl-trackers-{self.seed}")

    @classmethod
    def for_seed(cls, seed: int, **kwargs: Any) -> DhlState:
        return cls(account=dhl_account(seed), seed=seed, **kwargs)

    @property
    def user_id(self) -> str:
        return self.account.user_id

    @property
    def api_key(self) -> str:
        return self.account.api_key

    @property
    def account_numbers(self) -> tuple[str, ...]:
        return self.account.account_numbers

    # -- control (demo mode and tests) --
    def revoke_key(self) -> None:
        """The key was deleted in My DHL Portal: logins and refreshes fail from now on."""
        with self.lock:
            self.key_revoked = True
            self.refresh_tokens.clear()

    def expire_access_tokens(self) -> None:
        with self.lock:
            self._expired_jti |= self._issued_jti

    def halt(self, tracker_code: str) -> None:
        """The parcel stops where it is (e.g. never handed to DHL: no scans after the label)."""
        with self.lock:
            shipment = self.shipments[self.trackers[tracker_code].shipment_id]
            shipment.halted_at = self.clock()

    def add_event(self, tracker_code: str, category: str, status: str, location: str = "") -> None:
        """Adds a scan now; an EXCEPTION/PROBLEM/RETURNED scan also halts the parcel."""
        with self.lock:
            shipment = self.shipments[self.trackers[tracker_code].shipment_id]
            now = self.clock()
            shipment.extra_events.append(
                {"at": now, "category": category, "status": status, "location": location}
            )
            if category in HALTING_CATEGORIES and shipment.halted_at is None:
                shipment.halted_at = now

    # -- authentication --
    def login(self, body: Any) -> dict[str, Any]:
        body = body if isinstance(body, dict) else {}
        user_id, key = body.get("userId"), body.get("key")
        with self.lock:
            ok = (
                isinstance(user_id, str)
                and isinstance(key, str)
                and not self.key_revoked
                and secrets.compare_digest(user_id, self.user_id)
                and secrets.compare_digest(key, self.api_key)
            )
            self.stats["login:ok" if ok else "login:failed"] += 1
            if not ok:
                raise DhlError(401, "INVALID_CREDENTIALS", "Invalid user id or API key.")
            return self._issue()

    def refresh(self, body: Any) -> dict[str, Any]:
        token = body.get("refreshToken") if isinstance(body, dict) else None
        with self.lock:
            expires_at = self.refresh_tokens.pop(token, None) if isinstance(token, str) else None
            if self.key_revoked or expires_at is None or expires_at <= self.clock():
                self.stats["refresh:failed"] += 1
                raise DhlError(401, "INVALID_REFRESH_TOKEN", "Unknown or expired refresh token.")
            self.stats["refresh:ok"] += 1
            return self._issue()

    def _issue(self) -> dict[str, Any]:
        now = self.clock()
        jti = str(uuid.uuid4())
        access_expires = int(now + self.access_ttl)
        claims = {
            "sub": self.user_id,
            "iss": JWT_ISSUER,
            "iat": int(now),
            "exp": access_expires,
            "jti": jti,
            "accountNumbers": list(self.account_numbers),
        }
        refresh = secrets.token_urlsafe(32)
        refresh_expires = int(now + self.refresh_ttl)
        self.refresh_tokens[refresh] = refresh_expires
        self._issued_jti.add(jti)
        return {
            "accessToken": make_jwt(claims, self.secret),
            "accessTokenExpiration": access_expires,
            "refreshToken": refresh,
            "refreshTokenExpiration": refresh_expires,
            "accountNumbers": list(self.account_numbers),
        }

    def authorize(self, header: str | None) -> dict[str, Any]:
        """The token's claims, or DhlError(401)."""
        challenge = {"WWW-Authenticate": 'Bearer realm="api-gw.dhlparcel.nl"'}
        scheme, _, token = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise DhlError(401, "UNAUTHORIZED", "Missing bearer token.", headers=challenge)
        claims = read_jwt(token.strip(), self.secret)
        if claims is None or claims.get("sub") != self.user_id:
            raise DhlError(401, "UNAUTHORIZED", "Invalid access token.", headers=challenge)
        with self.lock:
            expired = claims.get("jti") in self._expired_jti
        if expired or not isinstance(claims.get("exp"), int) or claims["exp"] <= self.clock():
            raise DhlError(401, "TOKEN_EXPIRED", "The access token has expired.", headers=challenge)
        return claims

    # -- capabilities --
    def capabilities(self, sender: str, args: dict[str, str]) -> list[dict[str, Any]]:
        from_country = _country_param(args, "fromCountry")
        to_country = _country_param(args, "toCountry")
        to_business = _bool_param(args, "toBusiness")
        account = args.get("accountNumber")
        if account and account not in self.account_numbers:
            raise DhlError(
                403, "FORBIDDEN", f"Account number {account} does not belong to this user."
            )
        parcel_type = args.get("parcelType") or None
        if parcel_type and parcel_type not in PARCEL_TYPES:
            raise invalid("parcelType", f"unknown parcel type {parcel_type!r}")
        option = args.get("option") or None
        if option and option not in OPTIONS:
            raise invalid("option", f"unknown option {option!r}")
        postal = args.get("toPostalCode", "").strip()
        if postal and to_country in SERVED_COUNTRIES and not postal_code_ok(to_country, postal):
            raise invalid(
                "toPostalCode",
                f"{postal!r} is not a valid postal code for {to_country}",
                "INVALID_POSTAL_CODE",
            )
        if args.get("carrier", "DHL-PARCEL") != "DHL-PARCEL":
            return []
        return capabilities(
            from_country,
            to_country,
            to_business,
            sender=sender,
            postal_code=postal,
            parcel_type=parcel_type,
            option=option,
        )

    # -- shipments --
    def create_shipment(self, body: Any) -> tuple[int, dict[str, Any]]:
        """(201, new shipment) or (200, the same shipment again for a repeated request)."""
        shipment_id = body.get("shipmentId") if isinstance(body, dict) else None
        if not isinstance(shipment_id, str) or not shipment_id:
            raise invalid("shipmentId", "is required (a UUID chosen by the client)")
        with self.lock:
            existing = self.shipments.get(shipment_id)
            if existing is not None:
                if existing.fingerprint != _fingerprint(body):
                    self.stats["shipments:conflict"] += 1
                    raise DhlError(
                        409,
                        "SHIPMENT_ID_IN_USE",
                        f"Shipment id {shipment_id} was already used for another shipment.",
                        [field_detail("shipmentId", "already used with a different request")],
                    )
                self.stats["shipments:replayed"] += 1
                return 200, existing.response()
            try:
                facts = validate_shipment(body, self.account_numbers)
                self.parcel_shops.check_shipment(body)
            except (DhlError, FinderError):
                self.stats["shipments:invalid"] += 1
                raise
            shipment = self._store(shipment_id, body, facts)
            self.stats["shipments:created"] += 1
            return 201, shipment.response()

    def _store(self, shipment_id: str, body: dict[str, Any], facts: dict[str, Any]) -> Shipment:
        pieces: list[Piece] = []
        for entry in body["pieces"]:
            for _ in range(entry.get("quantity", 1)):
                piece = Piece(
                    label_id=str(uuid.uuid4()),
                    tracker_code=self._new_tracker_code(),
                    parcel_type=entry["parcelType"],
                    piece_number=len(pieces) + 1,
                    weight_kg=entry.get("weight"),
                    shipment_id=shipment_id,
                )
                pieces.append(piece)
                self.labels[piece.label_id] = piece
                self.trackers[piece.tracker_code] = piece
        shipment = Shipment(
            shipment_id=shipment_id,
            body=copy.deepcopy(body),
            fingerprint=_fingerprint(body),
            created_at=self.clock(),
            product=facts["product"],
            options=facts["options"],
            inputs=facts["inputs"],
            pieces=pieces,
        )
        self.shipments[shipment_id] = shipment
        return shipment

    def _new_tracker_code(self) -> str:
        while True:
            code = f"JVGL{self._rng.randrange(10**16):016d}"
            if code not in self.trackers:
                return code

    # -- labels --
    def label_data(self, label_ids: list[str]) -> list[LabelData]:
        with self.lock:
            missing = [label_id for label_id in label_ids if label_id not in self.labels]
            if missing:
                raise DhlError(
                    404,
                    "LABEL_NOT_FOUND",
                    f"Label {missing[0]} was not found.",
                    [field_detail("labelIds", f"unknown label {m}") for m in missing],
                )
            return [self._label_data(self.labels[label_id]) for label_id in label_ids]

    def _label_data(self, piece: Piece) -> LabelData:
        shipment = self.shipments[piece.shipment_id]
        return LabelData(
            tracker_code=piece.tracker_code,
            order_reference=shipment.order_reference,
            product_label=PRODUCTS[shipment.product].label,
            parcel_type=piece.parcel_type,
            piece_number=piece.piece_number,
            piece_count=len(shipment.pieces),
            receiver=copy.deepcopy(shipment.body.get("receiver") or {}),
            shipper=copy.deepcopy(shipment.body.get("shipper") or {}),
            account_id=str(shipment.body.get("accountId", "")),
            created_at=dt.datetime.fromtimestamp(shipment.created_at, DHL_TIME_ZONE),
            weight_kg=piece.weight_kg,
            option_lines=(
                ["RETURN  return label"] if shipment.body.get("returnLabel") is True else []
            )
            + [_option_line(k, shipment.inputs.get(k)) for k in shipment.options],
            option_keys=list(shipment.options),
            hide_sender="SSN" in shipment.options,
        )

    def label_summary(self, piece: Piece) -> dict[str, Any]:
        shipment = self.shipments[piece.shipment_id]
        return {
            "labelId": piece.label_id,
            "trackerCode": piece.tracker_code,
            "shipmentId": shipment.shipment_id,
            "orderReference": shipment.order_reference,
            "parcelType": piece.parcel_type,
            "pieceNumber": piece.piece_number,
            "createdOn": iso(shipment.created_at),
        }

    def labels_for_reference(self, reference: str | None) -> list[dict[str, Any]]:
        with self.lock:
            return [
                self.label_summary(piece)
                for piece in self.labels.values()
                if reference is None
                or self.shipments[piece.shipment_id].order_reference == reference
            ]

    # -- track & trace --
    def track(self, keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
        with self.lock:
            return [self._tracking(code, postal) for code, postal in keys]

    def _tracking(self, code: str, postal: str) -> dict[str, Any]:
        piece = self.trackers.get(code)
        shipment = self.shipments[piece.shipment_id] if piece else None
        if shipment is None or (postal and not _same_postal(shipment, postal)):
            return {"barcode": code, "events": []}
        now = self.clock()
        limit = now if shipment.halted_at is None else min(now, shipment.halted_at)
        timeline = [
            (at, {"category": category, "status": status, "location": _location(shipment, where)})
            for hours, category, status, where in TRACKING_TIMELINE
            if (at := shipment.created_at + hours * HOUR / self.time_scale) <= limit
        ]
        timeline += [
            (e["at"], {k: e[k] for k in ("category", "status", "location")})
            for e in shipment.extra_events
            if e["at"] <= now
        ]
        timeline.sort(key=lambda pair: pair[0])
        events = [{**event, "timestamp": iso(at)} for at, event in timeline]
        start, end = (
            shipment.created_at + h * HOUR / self.time_scale for h in PLANNED_DELIVERY_HOURS
        )
        entry: dict[str, Any] = {
            "barcode": code,
            "events": events,
            "plannedDeliveryTimeframe": {"from": iso(start), "to": iso(end)},
        }
        delivered = [e for e in events if e["category"] == "DELIVERED"]
        if delivered:
            entry["deliveredAt"] = delivered[-1]["timestamp"]
        return entry


def _same_postal(shipment: Shipment, postal: str) -> bool:
    address = (shipment.body.get("receiver") or {}).get("address") or {}
    stored = normalize_postal_code(str(address.get("postalCode") or "")).replace(" ", "")
    return stored == normalize_postal_code(postal).replace(" ", "")


def _location(shipment: Shipment, where: str) -> str:
    role = "shipper" if where == "shipper" else "receiver"
    address = (shipment.body.get(role) or {}).get("address") or {}
    country = str(address.get("countryCode") or "").upper()
    if where == "hub":
        return "DHL Parcel hub Nieuwegein, NL"
    if where == "depot":
        return f"DHL Parcel depot, {country}"
    if where == "receiver" and "PS" in shipment.options:
        return f"DHL ServicePoint {shipment.inputs.get('PS')}, {country}"
    return f"{str(address.get('city') or '').strip()}, {country}"


def _option_line(key: str, value: Any) -> str:
    line = f"{key}  {OPTIONS[key].description}"
    if value is None or key == "PERS_NOTE":  # the note goes to the e-mail, not the label
        return line
    if key == "INS":
        return f"{line}: EUR {float(value):,.2f}"
    return f"{line}: {value}"


def _country_param(args: dict[str, str], name: str) -> str:
    value = args.get(name, "").strip().upper()
    if not value:
        raise invalid(name, "is required")
    if value not in ISO_COUNTRIES:
        raise invalid(name, f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return value


def _bool_param(args: dict[str, str], name: str) -> bool:
    value = args.get(name, "false").strip().lower()
    if value not in ("true", "false"):
        raise invalid(name, "must be true or false")
    return value == "true"

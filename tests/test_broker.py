"""The authorization broker over real HTTP, against the sandbox's Amazon and Seller Central."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from shipdesk.broker.crypto import SecretBox
from tests.conftest import REPO

NL = "A1805IZSGTT6HS"


def register(broker: str) -> str:
    response = requests.post(f"{broker}/installations", json={}, timeout=5)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["installationSecret"].startswith(body["installationId"] + ".")
    return body["installationSecret"]


def call(method: str, url: str, secret: str | None, **kwargs) -> requests.Response:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return requests.request(method, url, headers=headers, timeout=10, **kwargs)


def start(broker: str, secret: str) -> dict:
    response = call("POST", f"{broker}/amazon/authorizations", secret, json={"region": "eu"})
    assert response.status_code == 201, response.text
    return response.json()


def consent_redirect(sandbox, consent_url: str) -> str:
    """The seller confirms in Seller Central; returns the callback URL Amazon redirects to."""
    query = {k: v[0] for k, v in parse_qs(urlsplit(consent_url).query).items()}
    response = requests.post(
        sandbox.urls["sellercentral"] + "/apps/authorize/consent",
        data={**query, "agree": "yes", "action": "confirm"},
        allow_redirects=False,
        timeout=5,
    )
    assert response.status_code == 302, response.text
    return response.headers["Location"]


@pytest.fixture
def broker(sandbox) -> str:
    return sandbox.urls["broker"]


def test_the_whole_flow(sandbox, broker) -> None:
    secret = register(broker)
    begun = start(broker, secret)
    consent = urlsplit(begun["consentUrl"])
    query = parse_qs(consent.query)
    assert begun["consentUrl"].startswith(sandbox.urls["sellercentral"] + "/apps/authorize/consent")
    assert query["application_id"] == [sandbox.shipdesk_app.application_id]
    assert query["version"] == ["beta"] and len(query["state"][0]) >= 32

    status_url = f"{broker}/amazon/authorizations/{begun['authorizationId']}"
    assert call("GET", status_url, secret).json()["status"] == "pending"

    page = requests.get(begun["consentUrl"], timeout=5, headers={"Accept-Language": "nl"})
    assert "Bevestigen" in page.text and "type='checkbox'" in page.text

    landed = sandbox.consent(begun["consentUrl"])
    assert landed.status_code == 200
    assert "You can go back to ShipDesk" in landed.text
    assert "Je kunt terug naar ShipDesk" in landed.text
    assert landed.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in landed.headers["Cache-Control"]

    status = call("GET", status_url, secret).json()
    assert status["status"] == "connected"
    assert status["sellingPartnerId"] == sandbox.seller.selling_partner_id
    assert NL in [m["id"] for m in status["marketplaces"]]

    grants = sandbox.lwa.stats["grant:refresh_token"]
    token = call("POST", f"{broker}/amazon/access-token", secret, json={}).json()
    assert token["accessToken"].startswith("Atza|") and token["expiresIn"] > 3000
    orders = requests.get(
        sandbox.urls["amazon"] + "/orders/2026-01-01/orders",
        params={"lastUpdatedAfter": "2026-01-01T00:00:00Z", "marketplaceIds": NL},
        headers={"x-amz-access-token": token["accessToken"]},
        timeout=5,
    )
    assert orders.status_code == 200
    again = call("POST", f"{broker}/amazon/access-token", secret, json={}).json()
    assert again["accessToken"] == token["accessToken"]  # cached: no LWA call per request
    assert sandbox.lwa.stats["grant:refresh_token"] == grants
    fresh = call("POST", f"{broker}/amazon/access-token", secret, json={"fresh": True}).json()
    assert fresh["accessToken"] != token["accessToken"]

    assert call("DELETE", status_url, secret).status_code == 204
    refused = call("POST", f"{broker}/amazon/access-token", secret, json={})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_connected"
    assert call("GET", status_url, secret).json()["status"] == "disconnected"


def test_refresh_tokens_are_encrypted_at_rest(sandbox, broker) -> None:
    secret = register(broker)
    begun = start(broker, secret)
    sandbox.consent(begun["consentUrl"])
    database = sandbox.broker.app.config.database
    stored = (
        sqlite3.connect(database).execute("SELECT refresh_token FROM authorizations").fetchone()
    )
    assert stored[0] and "Atzr|" not in stored[0]
    plain = SecretBox(sandbox.broker.app.config.encryption_keys).decrypt(stored[0])
    assert plain in sandbox.lwa.refresh_tokens
    digest = sqlite3.connect(database).execute("SELECT secret_digest FROM installations").fetchone()
    assert secret.split(".", 1)[1] not in digest[0]


def test_replayed_wrong_and_expired_states(sandbox, broker) -> None:
    secret = register(broker)
    first = start(broker, secret)
    callback = consent_redirect(sandbox, first["consentUrl"])
    assert requests.get(callback, timeout=10).status_code == 200
    replay = requests.get(callback, timeout=10)
    assert replay.status_code == 400 and "already been used" in replay.text

    forged = requests.get(
        f"{broker}/amazon/callback",
        params={"state": "forged", "selling_partner_id": "X", "spapi_oauth_code": "Y"},
        timeout=5,
    )
    assert forged.status_code == 400 and "not valid" in forged.text

    late = start(broker, secret)
    sandbox.clock.advance(601)  # the state lives 10 minutes
    status_url = f"{broker}/amazon/authorizations/{late['authorizationId']}"
    assert call("GET", status_url, secret).json()["reason"] == "state_expired"
    expired = sandbox.consent(late["consentUrl"])
    assert expired.status_code == 400 and "expired" in expired.text
    assert call("GET", status_url, secret).json()["status"] == "failed"


def test_a_code_works_once_and_only_within_five_minutes(sandbox, broker) -> None:
    secret = register(broker)
    first = start(broker, secret)
    callback = consent_redirect(sandbox, first["consentUrl"])
    code = parse_qs(urlsplit(callback).query)["spapi_oauth_code"][0]
    assert requests.get(callback, timeout=10).status_code == 200

    # The same code with a fresh, valid state: LWA refuses it the second time.
    second = start(broker, secret)
    state = parse_qs(urlsplit(second["consentUrl"]).query)["state"][0]
    reused = requests.get(
        f"{broker}/amazon/callback",
        params={
            "state": state,
            "selling_partner_id": sandbox.seller.selling_partner_id,
            "spapi_oauth_code": code,
        },
        timeout=10,
    )
    assert reused.status_code == 400 and "did not accept" in reused.text
    status = call("GET", f"{broker}/amazon/authorizations/{second['authorizationId']}", secret)
    assert status.json()["reason"] == "code_rejected"

    third = start(broker, secret)
    slow_callback = consent_redirect(sandbox, third["consentUrl"])
    sandbox.clock.advance(301)  # the code lives 5 minutes
    assert requests.get(slow_callback, timeout=10).status_code == 400
    # The first connection is untouched by the failed attempts.
    token = call("POST", f"{broker}/amazon/access-token", secret, json={})
    assert token.status_code == 200


def test_unknown_installation_and_wrong_secret(sandbox, broker) -> None:
    secret = register(broker)
    installation_id = secret.split(".")[0]
    for bad in (None, "nonsense", f"{installation_id}.wrong", f"{'0' * 32}.whatever"):
        response = call("POST", f"{broker}/amazon/authorizations", bad, json={})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
    # Another installation cannot see or end this one's authorization.
    mine = start(broker, secret)
    other = register(broker)
    url = f"{broker}/amazon/authorizations/{mine['authorizationId']}"
    assert call("GET", url, other).status_code == 404
    assert call("DELETE", url, other).status_code == 404


def test_seller_revokes_the_app_in_seller_central(sandbox, broker) -> None:
    secret = register(broker)
    begun = start(broker, secret)
    sandbox.consent(begun["consentUrl"])
    manage = requests.get(sandbox.urls["sellercentral"] + "/apps/manage", timeout=5)
    assert "ShipDesk" in manage.text
    requests.post(
        sandbox.urls["sellercentral"] + "/apps/manage",
        data={"application_id": sandbox.shipdesk_app.application_id},
        timeout=5,
    )
    refused = call("POST", f"{broker}/amazon/access-token", secret, json={"fresh": True})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "authorization_revoked"
    status = call("GET", f"{broker}/amazon/authorizations/{begun['authorizationId']}", secret)
    assert status.json()["status"] == "failed"
    assert status.json()["reason"] == "authorization_revoked"
    database = sandbox.broker.app.config.database
    assert sqlite3.connect(database).execute(
        "SELECT refresh_token FROM authorizations"
    ).fetchone() == (None,)  # erased


def test_client_secret_rotation(sandbox, broker) -> None:
    app = sandbox.shipdesk_app
    # Amazon has switched to the new secret: the broker's first (old) one now fails.
    sandbox.lwa.add_client(app.client_id, app.next_client_secret)
    secret = register(broker)
    begun = start(broker, secret)
    assert sandbox.consent(begun["consentUrl"]).status_code == 200
    token = call("POST", f"{broker}/amazon/access-token", secret, json={"fresh": True})
    assert token.status_code == 200


def test_hardening(sandbox, broker) -> None:
    health = requests.get(f"{broker}/health", timeout=5)
    assert health.json() == {"status": "ok", "database": "ok"}
    big = requests.post(f"{broker}/installations", data=b"x" * 20_000, timeout=5)
    assert big.status_code == 413
    secret = register(broker)
    statuses = [
        call("GET", f"{broker}/amazon/authorizations/none", secret).status_code for _ in range(40)
    ]
    assert 429 in statuses
    limited = call("GET", f"{broker}/amazon/authorizations/none", secret)
    assert limited.json()["error"]["code"] == "rate_limited"
    assert requests.get(f"{broker}/nowhere", timeout=5).json()["error"]["code"] == "not_found"
    bad_json = call("POST", f"{broker}/amazon/access-token", register(broker), data=b"{nope")
    assert bad_json.status_code == 400 and bad_json.json()["error"]["code"] == "bad_request"


def test_production_server_command(tmp_path) -> None:
    from shipdesk.broker.crypto import new_key

    env = {
        **os.environ,
        "SHIPDESK_BROKER_LWA_CLIENT_ID": "amzn1.application-oa2-client.test",
        "SHIPDESK_BROKER_LWA_CLIENT_SECRET": "secret",
        "SHIPDESK_BROKER_APP_ID": "amzn1.sp.solution.test",
        "SHIPDESK_BROKER_REDIRECT_URI": "https://broker.example/amazon/callback",
        "SHIPDESK_BROKER_ENCRYPTION_KEYS": new_key(),
        "SHIPDESK_BROKER_DATABASE": str(tmp_path / "broker.sqlite3"),
        "PYTHONPATH": str(REPO),
    }
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "shipdesk", "broker", "--port", str(port)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        for line in process.stderr:
            if "listening" in line:
                break
        health = requests.get(f"http://127.0.0.1:{port}/health", timeout=5)
        assert health.status_code == 200
        assert health.headers["Server"] == "ShipDesk-Broker"
    finally:
        process.terminate()
        process.wait(10)

    missing = {k: v for k, v in env.items() if k != "SHIPDESK_BROKER_ENCRYPTION_KEYS"}
    result = subprocess.run(
        [sys.executable, "-m", "shipdesk", "broker"],
        env=missing,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=30,
    )
    assert result.returncode == 1
    assert "SHIPDESK_BROKER_ENCRYPTION_KEYS" in result.stderr


def test_reencrypt_after_an_encryption_key_change(sandbox, broker, tmp_path) -> None:
    from shipdesk.broker.crypto import new_key
    from shipdesk.broker.store import BrokerStore

    secret = register(broker)
    sandbox.consent(start(broker, secret)["consentUrl"])
    config = sandbox.broker.app.config
    old_key, fresh_key = config.encryption_keys[0], new_key()
    store = BrokerStore(config.database)
    assert store.reencrypt(SecretBox((fresh_key, old_key)).rotate) == 1
    token = (
        sqlite3.connect(config.database)
        .execute("SELECT refresh_token FROM authorizations")
        .fetchone()[0]
    )
    assert SecretBox((fresh_key,)).decrypt(token) in sandbox.lwa.refresh_tokens
    with pytest.raises(ValueError):
        SecretBox((old_key,)).decrypt(token)

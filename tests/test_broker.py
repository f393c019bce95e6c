"""The authorization broker over real HTTP, against the sandbox's Amazon and Seller Central."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
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


def start(broker: str, secret: str, **extra) -> dict:
    body = {"region": "eu", **extra}
    response = call("POST", f"{broker}/amazon/authorizations", secret, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def shown_code(page: requests.Response) -> str:
    """The one-time code the callback page shows the seller (no desktop listening)."""
    found = re.search(r"class='code'>([0-9A-Z]{4}-[0-9A-Z]{4})<", page.text)
    assert found, page.text
    return found.group(1)


def complete(broker: str, secret: str, auth_id: str, code: str) -> requests.Response:
    url = f"{broker}/amazon/authorizations/{auth_id}/complete"
    return call("POST", url, secret, json={"code": code})


def connect(sandbox, broker: str, secret: str) -> dict:
    """The genuine flow with a typed code: consent, then this installation completes it."""
    begun = start(broker, secret)
    code = shown_code(sandbox.consent(begun["consentUrl"]))
    assert complete(broker, secret, begun["authorizationId"], code).status_code == 200
    return begun


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
    assert "Type this code into ShipDesk on your own computer" in landed.text
    assert "geef hem aan niemand" in landed.text and "never give it" in landed.text
    assert landed.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in landed.headers["Cache-Control"]
    # Consent given, but not yet this desktop's: nothing to read with it.
    waiting = call("GET", status_url, secret).json()
    assert waiting["status"] == "awaiting_desktop" and waiting["sellingPartnerId"] is None
    refused = call("POST", f"{broker}/amazon/access-token", secret, json={})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_connected"
    done = complete(broker, secret, begun["authorizationId"], shown_code(landed).lower())
    assert done.status_code == 200, done.text
    assert done.json() == {
        "status": "connected",
        "sellingPartnerId": sandbox.seller.selling_partner_id,
    }

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

    ended = call("DELETE", status_url, secret)
    assert ended.status_code == 200 and ended.json()["status"] == "disconnected"
    assert ended.json()["removeAppAt"] == sandbox.urls["sellercentral"] + "/apps/manage"
    assert "Manage Your Apps" in ended.json()["message"]
    refused = call("POST", f"{broker}/amazon/access-token", secret, json={})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_connected"
    assert call("GET", status_url, secret).json()["status"] == "disconnected"


def test_refresh_tokens_are_encrypted_at_rest(sandbox, broker) -> None:
    secret = register(broker)
    connect(sandbox, broker, secret)
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
    landed = requests.get(callback, timeout=10)
    assert complete(broker, secret, first["authorizationId"], shown_code(landed)).ok

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
    begun = connect(sandbox, broker, secret)
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
    connect(sandbox, broker, secret)
    token = call("POST", f"{broker}/amazon/access-token", secret, json={"fresh": True})
    assert token.status_code == 200


def test_hardening(sandbox, broker) -> None:
    health = requests.get(f"{broker}/health", timeout=5)
    assert health.json() == {"status": "ok", "database": "ok", "encryption": "ok"}
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
    connect(sandbox, broker, secret)
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


# -- the consent bound to the desktop that asked (issue 12) --


def test_a_phished_consent_never_connects_the_attacker(sandbox, broker) -> None:
    """An attacker starts a flow and sends its Seller Central link to a seller, who confirms
    Amazon's genuine page. The code the seller's browser is shown never reaches the attacker:
    the authorization stays awaiting the desktop, no token is handed out, guessing ends it and
    erases the seller's token."""
    attacker = register(broker)
    lure = start(broker, attacker)
    seller_page = sandbox.consent(lure["consentUrl"])  # the seller's own browser
    assert "never give it" in seller_page.text
    status_url = f"{broker}/amazon/authorizations/{lure['authorizationId']}"
    assert call("GET", status_url, attacker).json()["status"] == "awaiting_desktop"
    refused = call("POST", f"{broker}/amazon/access-token", attacker, json={})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_connected"
    by_id = call(
        "POST",
        f"{broker}/amazon/access-token",
        attacker,
        json={"authorizationId": lure["authorizationId"]},
    )
    assert by_id.status_code == 409
    answers = [
        complete(broker, attacker, lure["authorizationId"], f"AAAA-AAA{n}").json()["error"]["code"]
        for n in range(5)
    ]
    assert answers == ["invalid_code"] * 5
    # Five wrong tries end it: even the right code no longer works, and the token is gone.
    ended = complete(broker, attacker, lure["authorizationId"], shown_code(seller_page))
    assert ended.status_code == 410 and ended.json()["error"]["code"] == "expired"
    database = sandbox.broker.app.config.database
    row = (
        sqlite3.connect(database)
        .execute(
            "SELECT status, refresh_token FROM authorizations WHERE id = ?",
            [lure["authorizationId"]],
        )
        .fetchone()
    )
    assert row == ("failed", None)


def test_a_lure_with_the_attacker_s_return_url_hands_the_code_to_the_seller_s_machine(
    sandbox, broker
) -> None:
    """The return address is a loopback one, so the browser of whoever clicked goes to its
    own machine: nothing listens there for the attacker, and the consent expires unused."""
    attacker = register(broker)
    with socket.socket() as probe:  # the attacker's port: nothing there on the seller's side
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    lure = start(broker, attacker, returnUrl=f"http://127.0.0.1:{port}/done")
    redirect = requests.get(
        consent_redirect(sandbox, lure["consentUrl"]), allow_redirects=False, timeout=10
    )
    assert redirect.status_code == 303
    assert redirect.headers["Referrer-Policy"] == "no-referrer"
    assert redirect.headers["Location"].startswith(f"http://127.0.0.1:{port}/done?authorization=")
    status_url = f"{broker}/amazon/authorizations/{lure['authorizationId']}"
    assert call("GET", status_url, attacker).json()["status"] == "awaiting_desktop"
    sandbox.clock.advance(601)
    assert call("GET", status_url, attacker).json()["status"] == "failed"
    database = sandbox.broker.app.config.database
    row = (
        sqlite3.connect(database)
        .execute(
            "SELECT refresh_token, completion_digest FROM authorizations WHERE id = ?",
            [lure["authorizationId"]],
        )
        .fetchone()
    )
    assert row == (None, None)  # erased with the authorization


def test_the_genuine_flow_completes_through_the_desktop_s_loopback(sandbox, broker) -> None:
    from shipdesk.amazon.handback import ConsentHandback

    secret = register(broker)
    results: list[int] = []

    def complete_here(auth_id: str, code: str):
        results.append(complete(broker, secret, auth_id, code).status_code)
        return None if results[-1] == 200 else ("nee", "no")

    handback = ConsentHandback(complete_here)
    try:
        begun = start(broker, secret, returnUrl=handback.return_url)
        handback.expect(begun["authorizationId"])
        landed = sandbox.consent(begun["consentUrl"])  # the browser follows the 303 home
        assert landed.status_code == 200 and "ShipDesk is connected" in landed.text
        assert "ShipDesk is gekoppeld" in landed.text and results == [200]
        assert handback.done.is_set() and handback.connected
        token = call("POST", f"{broker}/amazon/access-token", secret, json={})
        assert token.status_code == 200
        # The same hand-back again: the code was single use, the page says connected.
        assert (
            complete(broker, secret, begun["authorizationId"], "ABCD-EFGH").json()["error"]["code"]
            == "already_completed"
        )
    finally:
        handback.close()


def test_completion_is_refused_as_the_contract_says(sandbox, broker) -> None:
    secret, other = register(broker), register(broker)
    begun = start(broker, secret)
    auth_id = begun["authorizationId"]
    early = complete(broker, secret, auth_id, "ABCD-EFGH")
    assert early.status_code == 409 and early.json()["error"]["code"] == "awaiting_consent"
    code = shown_code(sandbox.consent(begun["consentUrl"]))
    assert complete(broker, other, auth_id, code).status_code == 404  # not theirs
    wrong = complete(broker, secret, auth_id, "ZZZZ-ZZZZ")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid_code"
    assert complete(broker, secret, auth_id, code).status_code == 200
    used = complete(broker, secret, auth_id, code)
    assert used.status_code == 409 and used.json()["error"]["code"] == "already_completed"

    late = start(broker, secret)
    late_code = shown_code(sandbox.consent(late["consentUrl"]))
    sandbox.clock.advance(601)
    expired = complete(broker, secret, late["authorizationId"], late_code)
    assert expired.status_code == 410 and expired.json()["error"]["code"] == "expired"
    # The earlier connection is untouched by the expired one.
    assert call("POST", f"{broker}/amazon/access-token", secret, json={}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example/x",
        "http://attacker.example:8080/x",
        "http://localhost:8080/x",
        "http://127.0.0.1/x",  # no port
        "http://user@127.0.0.1:8080/x",
        "http://127.0.0.1:8080/x#frag",
        "http://127.0.0.2:8080/x",
        "http://127.0.0.1:99999/x",
        "javascript:alert(1)",
        "http://127.0.0.1:8080/\nSet-Cookie:x",
    ],
)
def test_a_return_url_that_is_not_this_machine_s_loopback_is_refused(broker, url) -> None:
    secret = register(broker)
    response = call(
        "POST", f"{broker}/amazon/authorizations", secret, json={"region": "eu", "returnUrl": url}
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_return_url"


def test_both_loopback_forms_are_taken(broker) -> None:
    secret = register(broker)
    for url in ("http://127.0.0.1:49152/cb", "http://[::1]:49152/cb"):
        assert start(broker, secret, returnUrl=url)["status"] == "pending"


def test_open_authorizations_are_capped_per_installation(sandbox, broker) -> None:
    secret = register(broker)
    for _ in range(5):
        start(broker, secret)
    capped = call("POST", f"{broker}/amazon/authorizations", secret, json={})
    assert capped.status_code == 429 and capped.json()["error"]["code"] == "too_many_pending"
    sandbox.clock.advance(601)  # expired ones no longer count
    assert start(broker, secret)["status"] == "pending"


def test_a_declined_consent_and_a_forged_seller_id_fail_plainly(sandbox, broker) -> None:
    secret = register(broker)
    declined = start(broker, secret)
    state = parse_qs(urlsplit(declined["consentUrl"]).query)["state"][0]
    page = requests.get(
        f"{broker}/amazon/callback",
        params={"state": state, "error": "access_denied"},
        timeout=5,
    )
    assert page.status_code == 400 and "did not give ShipDesk access" in page.text
    status = call("GET", f"{broker}/amazon/authorizations/{declined['authorizationId']}", secret)
    assert (status.json()["status"], status.json()["reason"]) == ("failed", "declined")

    forged = start(broker, secret)
    callback = consent_redirect(sandbox, forged["consentUrl"])
    query = {k: v[0] for k, v in parse_qs(urlsplit(callback).query).items()}
    query["selling_partner_id"] = "<script>"
    assert requests.get(f"{broker}/amazon/callback", params=query, timeout=5).status_code == 400
    status = call("GET", f"{broker}/amazon/authorizations/{forged['authorizationId']}", secret)
    assert status.json()["reason"] == "bad_request"


# -- the broker's key and its limits (issue 12) --


def broker_env(tmp_path, key: str) -> dict[str, str]:
    return {
        **os.environ,
        "SHIPDESK_BROKER_LWA_CLIENT_ID": "amzn1.application-oa2-client.test",
        "SHIPDESK_BROKER_LWA_CLIENT_SECRET": "secret",
        "SHIPDESK_BROKER_APP_ID": "amzn1.sp.solution.test",
        "SHIPDESK_BROKER_REDIRECT_URI": "https://broker.example/amazon/callback",
        "SHIPDESK_BROKER_ENCRYPTION_KEYS": key,
        "SHIPDESK_BROKER_DATABASE": str(tmp_path / "broker.sqlite3"),
        "PYTHONPATH": str(REPO),
    }


def test_a_broker_with_the_wrong_key_refuses_to_start_and_says_what_is_needed(
    sandbox, broker, tmp_path
) -> None:
    from shipdesk.broker.crypto import new_key

    secret = register(broker)
    connect(sandbox, broker, secret)
    config = sandbox.broker.app.config
    shutil.copy(config.database, tmp_path / "broker.sqlite3")
    right, wrong = config.encryption_keys[0], new_key()
    started = subprocess.run(
        [sys.executable, "-m", "shipdesk", "broker", "--port", "0"],
        env=broker_env(tmp_path, wrong),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=30,
    )
    assert started.returncode == 1
    assert "cannot open 1 of the 1 stored refresh tokens" in started.stderr
    assert "Traceback" not in started.stderr
    # --reencrypt without the old key: what to give, and nothing changed.
    before = (tmp_path / "broker.sqlite3").read_bytes()
    rotated = subprocess.run(
        [sys.executable, "-m", "shipdesk", "broker", "--reencrypt"],
        env=broker_env(tmp_path, wrong),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=30,
    )
    assert rotated.returncode == 1 and "NEW_KEY,OLD_KEY" in rotated.stderr
    assert "Traceback" not in rotated.stderr
    token = "SELECT refresh_token FROM authorizations WHERE refresh_token IS NOT NULL"
    after = sqlite3.connect(tmp_path / "broker.sqlite3").execute(token).fetchone()[0]
    assert SecretBox((right,)).decrypt(after)  # still the old key's
    assert len(before) > 0
    # With both keys, in the right order, it works and the new key alone then opens it.
    both = subprocess.run(
        [sys.executable, "-m", "shipdesk", "broker", "--reencrypt"],
        env=broker_env(tmp_path, f"{wrong},{right}"),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=30,
    )
    assert both.returncode == 0 and "Re-encrypted 1" in both.stdout
    after = sqlite3.connect(tmp_path / "broker.sqlite3").execute(token).fetchone()[0]
    assert SecretBox((wrong,)).decrypt(after)


def test_a_token_that_cannot_be_opened_is_its_own_error_and_shows_in_health(
    sandbox, broker
) -> None:
    secret = register(broker)
    connect(sandbox, broker, secret)
    database = sandbox.broker.app.config.database
    with sqlite3.connect(database) as db:  # as if written under a key since lost
        db.execute(
            "UPDATE authorizations SET refresh_token = 'gAAAAAnot-a-token' "
            "WHERE refresh_token IS NOT NULL"
        )
    sandbox.broker.app._tokens.clear()
    refused = call("POST", f"{broker}/amazon/access-token", secret, json={})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "credentials_unreadable"
    health = requests.get(f"{broker}/health", timeout=5)
    assert health.status_code == 503 and health.json()["encryption"] == "error"


def test_forced_refreshes_are_limited_per_installation(sandbox, broker) -> None:
    secret = register(broker)
    connect(sandbox, broker, secret)
    url = f"{broker}/amazon/access-token"
    answers = [call("POST", url, secret, json={"fresh": True}).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert call("POST", url, secret, json={}).status_code == 200  # the cached one still


def test_a_hundred_idle_connections_do_not_stop_the_broker(broker) -> None:
    port = int(broker.rsplit(":", 1)[1])
    idle = []
    try:
        for _ in range(100):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            idle.append(sock)
        health = requests.get(f"{broker}/health", timeout=5)
        assert health.status_code == 200
    finally:
        for sock in idle:
            sock.close()


def test_hostile_paths_and_bodies_are_answered_and_logged_safely(broker, caplog) -> None:
    caplog.set_level(logging.INFO, logger="shipdesk.broker")
    with socket.create_connection(("127.0.0.1", int(broker.rsplit(":", 1)[1])), timeout=5) as s:
        s.sendall(b"GET /evil%0d%0aforged%1b[31m HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 404")
    lines = [r.getMessage() for r in caplog.records if r.name == "shipdesk.broker"]
    [logged] = [line for line in lines if "/evil" in line]
    assert "\n" not in logged and "\r" not in logged and "\x1b" not in logged
    assert logged.startswith("127.0.0.1 GET")
    nested = requests.post(f"{broker}/installations", data=b"[" * 10_000, timeout=5)
    assert nested.status_code == 400 and nested.json()["error"]["code"] == "bad_request"


def test_disconnect_leaves_no_copy_of_the_token_on_disk(sandbox, broker) -> None:
    secret = register(broker)
    begun = connect(sandbox, broker, secret)
    database = Path(sandbox.broker.app.config.database)
    [encrypted] = (
        sqlite3.connect(database)
        .execute("SELECT refresh_token FROM authorizations WHERE refresh_token IS NOT NULL")
        .fetchone()
    )
    url = f"{broker}/amazon/authorizations/{begun['authorizationId']}"
    assert call("DELETE", url, secret).status_code == 200
    for path in database.parent.glob(database.name + "*"):
        assert encrypted.encode() not in path.read_bytes(), path.name


def test_unused_installations_and_ended_authorizations_are_forgotten(sandbox, broker) -> None:
    idle = register(broker)
    active = register(broker)
    connect(sandbox, broker, active)
    start(broker, idle)
    sandbox.clock.advance(31 * 86400)
    sandbox.broker.app._swept_at = 0
    call("POST", f"{broker}/amazon/access-token", active, json={})  # in use: kept
    requests.get(f"{broker}/health", timeout=5)  # a request sweeps
    requests.get(f"{broker}/health", timeout=5)
    database = sandbox.broker.app.config.database
    ids = {r[0] for r in sqlite3.connect(database).execute("SELECT id FROM installations")}
    assert ids == {active.split(".")[0]}
    refused = call("POST", f"{broker}/amazon/authorizations", idle, json={})
    assert refused.status_code == 401  # it registers anew

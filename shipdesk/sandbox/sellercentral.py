"""Seller Central's consent page, as the sandbox plays it (Dutch and English).

`GET /apps/authorize/consent?application_id&state[&version=beta][&redirect_uri]` shows the
authorization text and a checkbox; confirming redirects to the app's registered redirect URI
with `state`, `selling_partner_id` and a one-time `spapi_oauth_code` (good for 5 minutes at LWA).
`/apps/manage` lists the authorized apps with "Remove", which revokes them as Seller Central's
"Manage Your Apps" does.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from shipdesk.sandbox.lwa import LwaState


@dataclass
class VendorApp:
    """An SP-API application registered in the (sandbox) Developer Central."""

    application_id: str
    name: str
    client_id: str
    redirect_uris: list[str]
    draft: bool = True


@dataclass
class SellerCentralState:
    lwa: LwaState
    selling_partner_id: str
    store_name: str = "Sandbox Webwinkel"
    apps: dict[str, VendorApp] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def register_app(self, app: VendorApp) -> None:
        with self.lock:
            self.apps[app.application_id] = app


TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Authorize {app}",
        "intro": "{app} is requesting access to your Amazon seller account {store}.",
        "access": "If you authorize it, {app} can:",
        "agree": "I direct Amazon to provide {app} with access to my Amazon seller account and "
        "my data as described above, and I agree to the terms of use of {app}.",
        "confirm": "Confirm",
        "cancel": "Cancel",
        "must_agree": "Tick the box to authorize {app}, or choose Cancel.",
        "unknown_app": "This application is not known to Seller Central.",
        "bad_redirect": "The redirect address is not registered for this application.",
        "missing_state": "The authorization request is incomplete (no state).",
        "cancelled": "You did not authorize {app}. You can close this window.",
        "draft": "This application is in draft and can only be authorized by its developer.",
        "manage": "Manage your apps",
        "authorized_apps": "Authorized applications",
        "remove": "Remove",
        "removed": "{app} can no longer access your seller account.",
        "none": "No applications are authorized.",
        "language": "Nederlands",
    },
    "nl": {
        "title": "{app} autoriseren",
        "intro": "{app} vraagt toegang tot je Amazon-verkopersaccount {store}.",
        "access": "Als je toestemming geeft, kan {app}:",
        "agree": "Ik geef Amazon opdracht {app} toegang te geven tot mijn Amazon-"
        "verkopersaccount en mijn gegevens zoals hierboven beschreven, en ik ga akkoord met de "
        "gebruiksvoorwaarden van {app}.",
        "confirm": "Bevestigen",
        "cancel": "Annuleren",
        "must_agree": "Vink het vakje aan om {app} te autoriseren, of kies Annuleren.",
        "unknown_app": "Deze applicatie is niet bekend bij Seller Central.",
        "bad_redirect": "Het doorstuuradres is niet geregistreerd voor deze applicatie.",
        "missing_state": "Het autorisatieverzoek is onvolledig (geen state).",
        "cancelled": "Je hebt {app} geen toestemming gegeven. Je kunt dit venster sluiten.",
        "draft": "Deze applicatie is nog een concept en kan alleen door de ontwikkelaar worden "
        "geautoriseerd.",
        "manage": "Je apps beheren",
        "authorized_apps": "Geautoriseerde applicaties",
        "remove": "Verwijderen",
        "removed": "{app} heeft geen toegang meer tot je verkopersaccount.",
        "none": "Er zijn geen applicaties geautoriseerd.",
        "language": "English",
    },
}

# What the app may do, as the consent page lists it.
SCOPES: dict[str, list[str]] = {
    "en": [
        "read your orders, including the buyer's shipping address (Direct-to-Consumer Shipping)",
        "confirm shipments and send tracking numbers to Amazon",
    ],
    "nl": [
        "je bestellingen lezen, inclusief het verzendadres van de koper "
        "(Direct-to-Consumer Shipping)",
        "zendingen bevestigen en trackingnummers naar Amazon sturen",
    ],
}

STYLE = """
body { font-family: 'Amazon Ember', Arial, sans-serif; background: #f3f3f3; margin: 0; }
header { background: #232f3e; color: #fff; padding: 12px 24px; font-size: 18px; }
header b { color: #ff9900; }
main { max-width: 640px; margin: 32px auto; background: #fff; padding: 24px 32px;
       border: 1px solid #ddd; border-radius: 8px; }
h1 { font-size: 22px; } li { margin: 6px 0; } .error { color: #b12704; }
label { display: flex; gap: 10px; margin: 20px 0; line-height: 1.4; }
button { background: #ffd814; border: 1px solid #fcd200; border-radius: 20px;
         padding: 8px 22px; font-size: 15px; cursor: pointer; }
button.secondary { background: #fff; border-color: #888; }
nav { float: right; font-size: 14px; } nav a { color: #fff; }
"""


def _language(request: Request) -> str:
    chosen = request.values.get("lang")
    if chosen in TEXT:
        return chosen
    best = request.accept_languages.best_match(["nl", "en"])
    return best or "en"


def _page(title: str, body: str, lang: str, switch_url: str) -> Response:
    document = (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><b>amazon</b> seller central (sandbox)"
        f"<nav><a href='{html.escape(switch_url)}'>{TEXT[lang]['language']}</a></nav></header>"
        f"<main>{body}</main></body></html>"
    )
    return Response(
        document,
        content_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


class SellerCentralApp:
    def __init__(self, state: SellerCentralState) -> None:
        self.state = state
        self.urls = Map(
            [
                Rule("/apps/authorize/consent", endpoint="consent", methods=["GET", "POST"]),
                Rule("/apps/manage", endpoint="manage", methods=["GET", "POST"]),
            ]
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        try:
            endpoint, _ = self.urls.bind_to_environ(environ).match()
        except HTTPException as exc:
            return exc(environ, start_response)
        handler = self.consent if endpoint == "consent" else self.manage
        return handler(request)(environ, start_response)

    def _switch_url(self, request: Request, lang: str) -> str:
        other = "en" if lang == "nl" else "nl"
        args = {k: v for k, v in request.values.items() if k not in ("lang", "agree", "action")}
        return f"{request.path}?{urlencode({**args, 'lang': other})}"

    def consent(self, request: Request) -> Response:
        lang = _language(request)
        text = TEXT[lang]
        switch = self._switch_url(request, lang)
        app = self.state.apps.get(request.values.get("application_id", ""))
        if app is None:
            return self._error(text["unknown_app"], lang, switch, 404)
        names = {"app": html.escape(app.name), "store": html.escape(self.state.store_name)}
        redirect_uri = request.values.get("redirect_uri") or app.redirect_uris[0]
        if redirect_uri not in app.redirect_uris:
            return self._error(text["bad_redirect"], lang, switch, 400)
        state = request.values.get("state", "")
        if not state:
            return self._error(text["missing_state"], lang, switch, 400)
        if app.draft and request.values.get("version") != "beta":
            return self._error(text["draft"], lang, switch, 400)
        problem = ""
        if request.method == "POST":
            if request.form.get("action") == "cancel":
                return self._error(text["cancelled"].format(**names), lang, switch, 200)
            if request.form.get("agree") == "yes":
                code = self.state.lwa.issue_code(app.client_id, self.state.selling_partner_id)
                query = urlencode(
                    {
                        "state": state,
                        "selling_partner_id": self.state.selling_partner_id,
                        "spapi_oauth_code": code,
                    }
                )
                separator = "&" if "?" in redirect_uri else "?"
                return redirect(f"{redirect_uri}{separator}{query}", code=302)
            problem = f"<p class='error'>{text['must_agree'].format(**names)}</p>"
        hidden = "".join(
            f"<input type='hidden' name='{k}' value='{html.escape(v, quote=True)}'>"
            for k, v in (
                ("application_id", app.application_id),
                ("state", state),
                ("redirect_uri", redirect_uri),
                ("version", request.values.get("version", "")),
                ("lang", lang),
            )
        )
        scopes = "".join(f"<li>{html.escape(s)}</li>" for s in SCOPES[lang])
        body = (
            f"<h1>{text['title'].format(**names)}</h1>"
            f"<p>{text['intro'].format(**names)}</p><p>{text['access'].format(**names)}</p>"
            f"<ul>{scopes}</ul>{problem}"
            f"<form method='post' action='/apps/authorize/consent'>{hidden}"
            f"<label><input type='checkbox' name='agree' value='yes'>"
            f"<span>{text['agree'].format(**names)}</span></label>"
            f"<button type='submit' name='action' value='confirm'>{text['confirm']}</button> "
            f"<button type='submit' name='action' value='cancel' class='secondary'>"
            f"{text['cancel']}</button></form>"
        )
        return _page(text["title"].format(**names), body, lang, switch)

    def manage(self, request: Request) -> Response:
        lang = _language(request)
        text = TEXT[lang]
        notice = ""
        if request.method == "POST":
            app = self.state.apps.get(request.form.get("application_id", ""))
            if app is not None:
                self.state.lwa.revoke_seller(self.state.selling_partner_id, app.client_id)
                notice = f"<p>{text['removed'].format(app=html.escape(app.name))}</p>"
        authorized = self.state.lwa.authorized_clients(self.state.selling_partner_id)
        rows = "".join(
            f"<li>{html.escape(app.name)} <form method='post' style='display:inline'>"
            f"<input type='hidden' name='application_id' value='{app.application_id}'>"
            f"<input type='hidden' name='lang' value='{lang}'>"
            f"<button class='secondary'>{text['remove']}</button></form></li>"
            for app in self.state.apps.values()
            if app.client_id in authorized
        )
        body = f"<h1>{text['manage']}</h1>{notice}<h2>{text['authorized_apps']}</h2>" + (
            f"<ul>{rows}</ul>" if rows else f"<p>{text['none']}</p>"
        )
        return _page(text["manage"], body, lang, self._switch_url(request, lang))

    def _error(self, message: str, lang: str, switch: str, status: int) -> Response:
        response = _page("Seller Central", f"<p class='error'>{message}</p>", lang, switch)
        response.status_code = status
        return response


def make_sellercentral_app(state: SellerCentralState) -> SellerCentralApp:
    return SellerCentralApp(state)

"""The pages a seller's browser sees after Amazon's consent: short, in Dutch and English."""

from __future__ import annotations

import html
from urllib.parse import urlencode

from werkzeug.wrappers import Response

STYLE = """
body { font-family: -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; background: #f4f6f6;
       margin: 0; color: #1d2b2a; }
main { max-width: 560px; margin: 12vh auto; background: #fff; border-radius: 12px;
       padding: 28px 36px; box-shadow: 0 2px 10px rgba(0,0,0,.08); }
h1 { font-size: 22px; margin: 0 0 8px; } .ok { color: #0f766e; } .bad { color: #b3261e; }
.code { font: 600 30px/1.2 ui-monospace, Menlo, Consolas, monospace; letter-spacing: 3px;
        text-align: center; background: #eef4f3; border-radius: 8px; padding: 12px; }
p { line-height: 1.5; } hr { border: none; border-top: 1px solid #e3e7e7; margin: 20px 0; }
"""

# Reason code -> (Dutch, English) explanation for a failed connection.
FAILURES = {
    "state_unknown": (
        "Deze koppellink is ongeldig of al gebruikt.",
        "This connection link is not valid or has already been used.",
    ),
    "state_used": (
        "Deze koppellink is al gebruikt.",
        "This connection link has already been used.",
    ),
    "state_expired": (
        "Deze koppellink is verlopen (na 10 minuten).",
        "This connection link has expired (after 10 minutes).",
    ),
    "code_rejected": (
        "Amazon heeft de autorisatiecode niet geaccepteerd (verlopen of al gebruikt).",
        "Amazon did not accept the authorization code (expired or already used).",
    ),
    "amazon_unavailable": (
        "Amazon was even niet bereikbaar.",
        "Amazon could not be reached just now.",
    ),
    "declined": (
        "Je hebt ShipDesk geen toegang gegeven in Seller Central.",
        "You did not give ShipDesk access in Seller Central.",
    ),
    "bad_request": (
        "Het antwoord van Amazon was onvolledig.",
        "Amazon's answer was incomplete.",
    ),
}

# The page headers: the URL holds one-time values, so it is never passed on or cached.
PRIVATE = {
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}


def _page(title: str, body: str, status: int) -> Response:
    document = (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
    return Response(
        document,
        status=status,
        content_type="text/html; charset=utf-8",
        headers={
            **PRIVATE,
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
    )


def hand_back(return_url: str, authorization_id: str, code: str) -> Response:
    """Send the browser on to the desktop's loopback address with the one-time code."""
    separator = "&" if "?" in return_url else "?"
    query = urlencode({"authorization": authorization_id, "code": code})
    return Response(status=303, headers={**PRIVATE, "Location": f"{return_url}{separator}{query}"})


def code_page(code: str) -> Response:
    """No desktop listens here (the consent was given on another device): show the code, to
    be typed into ShipDesk by the owner, and only there."""
    shown = html.escape(code)
    body = (
        "<h1 class='ok'>Nog één stap: de code in ShipDesk</h1>"
        "<p>Amazon heeft de toestemming gegeven. Typ deze code in ShipDesk op je eigen "
        "computer (Koppelingen → “Koppeling bevestigen”):</p>"
        f"<p class='code'>{shown}</p>"
        "<p class='bad'>Typ de code alleen in ShipDesk op je eigen computer en geef hem aan "
        "niemand, ook niet aan iemand die zegt van ShipDesk of Amazon te zijn: met de code "
        "krijgt ShipDesk toegang tot je bestellingen. De code werkt één keer, binnen tien "
        "minuten.</p><hr>"
        "<h1 class='ok'>One more step: the code in ShipDesk</h1>"
        "<p>Amazon gave the consent. Type this code into ShipDesk on your own computer "
        "(Connections → “Confirm connection”):</p>"
        f"<p class='code'>{shown}</p>"
        "<p class='bad'>Type the code only into ShipDesk on your own computer and never give it "
        "to anyone, not even someone who says they are from ShipDesk or Amazon: the code gives "
        "access to your orders. It works once, within ten minutes.</p>"
    )
    return _page("ShipDesk", body, 200)


def failed_page(reason: str) -> Response:
    dutch, english = FAILURES.get(reason, FAILURES["bad_request"])
    body = (
        "<h1 class='bad'>Koppelen is niet gelukt</h1>"
        f"<p>{html.escape(dutch)} Ga terug naar ShipDesk en klik opnieuw op "
        "“Koppelen met Amazon”.</p><hr>"
        "<h1 class='bad'>The connection did not work</h1>"
        f"<p>{html.escape(english)} Go back to ShipDesk and click “Connect with Amazon” "
        "again.</p>"
    )
    return _page("ShipDesk", body, 400)

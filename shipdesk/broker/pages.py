"""The pages a seller's browser sees after Amazon's consent: short, in Dutch and English."""

from __future__ import annotations

import html

from werkzeug.wrappers import Response

STYLE = """
body { font-family: -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; background: #f4f6f6;
       margin: 0; color: #1d2b2a; }
main { max-width: 560px; margin: 12vh auto; background: #fff; border-radius: 12px;
       padding: 28px 36px; box-shadow: 0 2px 10px rgba(0,0,0,.08); }
h1 { font-size: 22px; margin: 0 0 8px; } .ok { color: #0f766e; } .bad { color: #b3261e; }
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
    "bad_request": (
        "Het antwoord van Amazon was onvolledig.",
        "Amazon's answer was incomplete.",
    ),
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
            # The URL holds the one-time code: never pass it on, never cache the page.
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
            "X-Content-Type-Options": "nosniff",
        },
    )


def connected_page() -> Response:
    body = (
        "<h1 class='ok'>ShipDesk is gekoppeld aan Amazon</h1>"
        "<p>Je kunt terug naar ShipDesk. Klik daar op “Koppeling bevestigen” als de status "
        "niet vanzelf verandert. Dit venster mag dicht.</p><hr>"
        "<h1 class='ok'>ShipDesk is connected to Amazon</h1>"
        "<p>You can go back to ShipDesk. Click “Confirm connection” there if the status does "
        "not change by itself. You may close this window.</p>"
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

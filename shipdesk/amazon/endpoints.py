"""Where Amazon's services live in production (the context's defaults; the sandbox and the
environment may point elsewhere)."""

SPAPI_EU = "https://sellingpartnerapi-eu.amazon.com"  # the Selling Partner API, Europe
LWA_PRODUCTION = "https://api.amazon.com"  # Login with Amazon's token endpoint

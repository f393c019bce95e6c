"""ShipDesk: Amazon orders in, DHL Parcel NL / GLS NL labels out, tracking back to Amazon."""

__version__ = "0.1.0"
APP_NAME = "ShipDesk"

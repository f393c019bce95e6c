"""The carriers ShipDesk makes labels with: one package each (`dhl/`, …) behind one interface
(`base.Carrier`) and one registry (`registry.py`), which is all the rest of ShipDesk asks."""

"""The carrier's label documents, kept in SQLite for as long as ShipDesk keeps the label.

They are fetched right after the label is made, so that printing, reprinting and the preview
need neither the carrier nor the network later (a label made in an earlier demo session, whose
sandbox is gone, prints as well as one made a minute ago). A copy that is missing or damaged is
fetched again when needed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from shipdesk.carriers.base import CarrierError, document_complete
from shipdesk.retrying import CancelledError
from shipdesk.services import carrier_account
from shipdesk.services.context import AppContext
from shipdesk.store import erasure
from shipdesk.store import labels as label_store
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)


class HasDocuments(Protocol):
    """Whose documents: a stored label (store.labels.Label), or what `Owner` names."""

    @property
    def id(self) -> int: ...
    @property
    def order_id(self) -> str: ...
    @property
    def carrier(self) -> str: ...
    @property
    def carrier_label_ids(self) -> list[str]: ...


@dataclass(frozen=True)
class Owner:
    """The documents of a label just made (not read back yet), or of a return label
    (`return_id`): the label's id, its order, carrier and the carrier's label ids."""

    id: int
    order_id: str
    carrier: str
    carrier_label_ids: list[str]
    return_id: int | None = None


class BuyerDataErased(CarrierError):
    """The order's buyer data was erased: its label (which prints the address) is neither kept
    nor fetched from the carrier again."""

    code = "buyer_data_erased"


def format_key(fmt: str, dpi: int = 203) -> str:
    """How a document is stored: "pdf", or "zpl203" / "zpl300" (ZPL is made per resolution)."""
    return "pdf" if fmt == "pdf" else f"zpl{dpi}"


def documents(
    ctx: AppContext,
    label: HasDocuments,
    fmt: str,
    dpi: int = 203,
    cancel: threading.Event | None = None,
    *,
    carrier: Any = None,
) -> list[bytes]:
    """One document per parcel of `label`, from the local copy or else the carrier (then kept).
    Raises the carrier's error when a document is neither stored nor to be had."""
    key = format_key(fmt, dpi)
    complete = document_complete(key)
    found = []
    with ctx.connect() as db:
        if label.order_id and erasure.is_erased(db, label.order_id):
            raise BuyerDataErased(
                f"the buyer data of order {label.order_id} was erased, so its label is not "
                "printed or shown again"
            )
        for carrier_label_id in label.carrier_label_ids:
            data = label_store.document(db, carrier_label_id, key)
            if data is not None and not complete(data):
                data = None  # a damaged copy (should not happen): fetch it again
            if data is None:
                carrier = carrier or carrier_account.client(ctx, label.carrier)
                data = carrier.label(carrier_label_id, fmt=fmt, dpi=dpi, cancel=cancel)
                with write_transaction(db):
                    label_store.save_document(db, carrier_label_id, key, data)
            found.append(data)
    return found


def keep(
    ctx: AppContext,
    carrier: Any,
    label: HasDocuments,
    formats: Sequence[tuple[str, int]],
    cancel: threading.Event | None = None,
) -> None:
    """Fetch and store a new label's documents now. Best effort: a document that cannot be had
    now is fetched again when it is first printed or previewed."""
    for fmt, dpi in formats:
        try:
            documents(ctx, label, fmt, dpi, cancel, carrier=carrier)
        except CarrierError as exc:
            log.warning("label %s: %s document not kept yet: %s", label.id, fmt, exc)
        except CancelledError:
            return  # the label is made; its documents come when first needed

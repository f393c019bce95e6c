"""The sender address book."""

from __future__ import annotations

from dataclasses import asdict

from shipdesk.domain.shipping import SenderAddress
from shipdesk.store.connection import Database
from shipdesk.store.transactions import write_transaction

_FIELDS = (
    "name",
    "company_name",
    "street",
    "number",
    "addition",
    "postal_code",
    "city",
    "country_code",
    "email",
    "phone",
)


def list_addresses(db: Database) -> list[SenderAddress]:
    return [
        SenderAddress(**row)
        for row in db.query(f"SELECT id, {', '.join(_FIELDS)} FROM sender_addresses ORDER BY id")
    ]


def get_address(db: Database, address_id: int | None) -> SenderAddress | None:
    if address_id is None:
        return None
    rows = list(
        db.query(
            f"SELECT id, {', '.join(_FIELDS)} FROM sender_addresses WHERE id = ?", [address_id]
        )
    )
    return SenderAddress(**rows[0]) if rows else None


def save_address(db: Database, address: SenderAddress) -> int:
    values = {k: v for k, v in asdict(address).items() if k in _FIELDS}
    with write_transaction(db):
        if address.id is None:
            cursor = db.execute(
                f"INSERT INTO sender_addresses ({', '.join(_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(_FIELDS))})",
                [values[f] for f in _FIELDS],
            )
            return int(cursor.lastrowid or 0)
        db.execute(
            f"UPDATE sender_addresses SET {', '.join(f'{f} = ?' for f in _FIELDS)} WHERE id = ?",
            [*(values[f] for f in _FIELDS), address.id],
        )
        return address.id


def delete_address(db: Database, address_id: int) -> None:
    with write_transaction(db):
        db.execute("DELETE FROM sender_addresses WHERE id = ?", [address_id])

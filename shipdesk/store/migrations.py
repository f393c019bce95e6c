"""The schema, as sqlite-utils migrations: named, transactional, recorded in _sqlite_migrations.

Never edit a migration that has shipped; add a new one.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from shipdesk.store.connection import Database

MIGRATIONS = Migrations("shipdesk")


def for_migrations(db: Database) -> sqlite_utils.Database:
    """A store connection as sqlite-utils' own `Database`, which the migrations work on."""
    return sqlite_utils.Database(db.conn, execute_plugins=False)


def known_migrations() -> list[str]:
    """Every migration this version knows, in order (all are pending on an empty database)."""
    empty = sqlite_utils.Database(memory=True)
    try:
        return [m.name for m in MIGRATIONS.pending(empty)]
    finally:
        empty.close()


def unknown_migrations(db: sqlite_utils.Database) -> list[str]:
    """Migrations recorded in the file that this version does not know: a newer ShipDesk
    wrote it (any set other than ours counts too). Read-only."""
    table = db[Migrations.migrations_table]
    if not table.exists():
        return []
    known = set(known_migrations())
    return [
        name if migration_set == MIGRATIONS.name else f"{migration_set}/{name}"
        for migration_set, name in db.execute(
            f"SELECT migration_set, name FROM {Migrations.migrations_table} ORDER BY rowid"
        ).fetchall()
        if migration_set != MIGRATIONS.name or name not in known
    ]


@MIGRATIONS(name="0001_orders_and_sync")
def _orders_and_sync(db: sqlite_utils.Database) -> None:
    # Amazon's view of an order. Local work on it (labels, uploads) lives in its own tables so
    # an import never overwrites it.
    db.execute(
        """
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            order_id TEXT NOT NULL UNIQUE,
            marketplace_id TEXT,
            created_time TEXT NOT NULL,
            last_updated_time TEXT NOT NULL,
            status TEXT NOT NULL,
            fulfilled_by TEXT,
            service_level TEXT,
            programs TEXT NOT NULL DEFAULT '[]',
            ship_by_earliest TEXT,
            ship_by_latest TEXT,
            deliver_by_latest TEXT,
            recipient_name TEXT,
            company_name TEXT,
            address_line1 TEXT,
            address_line2 TEXT,
            address_line3 TEXT,
            city TEXT,
            postal_code TEXT,
            state_or_region TEXT,
            country_code TEXT,
            phone TEXT,
            address_type TEXT,
            packages TEXT NOT NULL DEFAULT '[]',
            problems TEXT NOT NULL DEFAULT '[]',
            item_count INTEGER NOT NULL DEFAULT 0,
            items_summary TEXT NOT NULL DEFAULT '',
            search_text TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    # One index per sortable column of the Orders tab: sorting 100,000 rows stays an index walk.
    for column in (
        "created_time",
        "last_updated_time",
        "recipient_name COLLATE NOCASE",
        "country_code, city COLLATE NOCASE",
        "items_summary COLLATE NOCASE",
        "ship_by_latest",
        "status",
    ):
        name = column.split()[0].rstrip(",")
        db.execute(f"CREATE INDEX idx_orders_{name} ON orders ({column})")
    db.execute(
        """
        CREATE TABLE order_items (
            order_id TEXT NOT NULL REFERENCES orders(order_id) ON DELETE CASCADE,
            order_item_id TEXT NOT NULL,
            asin TEXT,
            seller_sku TEXT,
            title TEXT,
            quantity INTEGER NOT NULL,
            quantity_shipped INTEGER,
            unit_price TEXT,
            currency TEXT,
            PRIMARY KEY (order_id, order_item_id)
        )
        """
    )
    # The import's progress per marketplace: the lastUpdatedAfter watermark, and while a
    # multi-page search is under way, the query and next page token to resume it after a crash.
    db.execute(
        """
        CREATE TABLE sync_state (
            marketplace_id TEXT PRIMARY KEY,
            watermark TEXT,
            pending_query TEXT,
            pending_token TEXT,
            last_run_at TEXT,
            last_error TEXT
        )
        """
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@MIGRATIONS(name="0002_order_search_index")
def _order_search_index(db: sqlite_utils.Database) -> None:
    # A full-text index over search_text turns the Orders tab's search into an index lookup
    # (a LIKE scan of 100,000 rows takes ~250 ms). Triggers keep it in step with the orders.
    db.execute(
        "CREATE VIRTUAL TABLE orders_search USING fts5("
        "search_text, content='orders', content_rowid='id', tokenize='trigram')"
    )
    db.execute("INSERT INTO orders_search (orders_search) VALUES ('rebuild')")
    db.execute(
        """
        CREATE TRIGGER orders_search_insert AFTER INSERT ON orders BEGIN
            INSERT INTO orders_search (rowid, search_text) VALUES (new.id, new.search_text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER orders_search_delete AFTER DELETE ON orders BEGIN
            INSERT INTO orders_search (orders_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER orders_search_update AFTER UPDATE OF search_text ON orders
        WHEN old.search_text IS NOT new.search_text BEGIN
            INSERT INTO orders_search (orders_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO orders_search (rowid, search_text) VALUES (new.id, new.search_text);
        END
        """
    )


@MIGRATIONS(name="0003_labels_addresses_capabilities")
def _labels_addresses_capabilities(db: sqlite_utils.Database) -> None:
    # A label per order package: the draft ShipDesk made, what the owner changed, and later
    # what the carrier answered. JSON columns hold small structured values.
    db.execute(
        """
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            order_id TEXT NOT NULL REFERENCES orders(order_id),
            package_no INTEGER NOT NULL DEFAULT 1,
            carrier TEXT NOT NULL,
            state TEXT NOT NULL,
            account_number TEXT,
            recipient_type TEXT,
            receiver TEXT NOT NULL,
            sender TEXT,
            review TEXT NOT NULL DEFAULT '[]',
            warnings TEXT NOT NULL DEFAULT '[]',
            product TEXT,
            parcel_type TEXT,
            options TEXT NOT NULL DEFAULT '[]',
            weight_kg REAL,
            pieces INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    # One active label per order package; cancelled ones stay as history.
    db.execute(
        "CREATE UNIQUE INDEX labels_one_active ON labels (order_id, package_no) "
        "WHERE state != 'cancelled'"
    )
    db.execute("CREATE INDEX idx_labels_state ON labels (state)")
    db.execute(
        """
        CREATE TABLE sender_addresses (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            company_name TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            number TEXT NOT NULL DEFAULT '',
            addition TEXT NOT NULL DEFAULT '',
            postal_code TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            country_code TEXT NOT NULL DEFAULT 'NL',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT ''
        )
        """
    )
    # Capabilities per carrier, destination and recipient type, with the time fetched.
    db.execute(
        """
        CREATE TABLE capability_cache (
            key TEXT PRIMARY KEY,
            fetched_at REAL NOT NULL,
            body TEXT NOT NULL
        )
        """
    )


@MIGRATIONS(name="0004_label_lifecycle_and_tracking_outbox")
def _label_lifecycle_and_tracking_outbox(db: sqlite_utils.Database) -> None:
    # What the carrier answered, and where the label is in its life. The shipment id is chosen
    # and committed before the carrier is called, so a retry can never make a second shipment.
    for column in (
        "shipment_id TEXT",
        "tracker_codes TEXT NOT NULL DEFAULT '[]'",
        "carrier_label_ids TEXT NOT NULL DEFAULT '[]'",
        "error_code TEXT",
        "error_message TEXT",
        "attempts INTEGER NOT NULL DEFAULT 0",
        "edited INTEGER NOT NULL DEFAULT 0",
        "note TEXT NOT NULL DEFAULT ''",
        "label_created_at TEXT",
        "printed_at TEXT",
        "print_count INTEGER NOT NULL DEFAULT 0",
        "shipped_at TEXT",
    ):
        db.execute(f"ALTER TABLE labels ADD COLUMN {column}")
    db.execute("CREATE UNIQUE INDEX labels_shipment_id ON labels (shipment_id)")
    # Label documents as the carrier made them, kept for reprinting without the carrier.
    db.execute(
        """
        CREATE TABLE label_documents (
            carrier_label_id TEXT NOT NULL,
            format TEXT NOT NULL,
            data BLOB NOT NULL,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (carrier_label_id, format)
        )
        """
    )
    # Tracking numbers on their way to Amazon: retried with backoff across restarts until
    # Amazon accepts them or a person must look (then an alert).
    db.execute(
        """
        CREATE TABLE tracking_outbox (
            id INTEGER PRIMARY KEY,
            order_id TEXT NOT NULL REFERENCES orders(order_id),
            label_id INTEGER REFERENCES labels(id),
            marketplace_id TEXT NOT NULL,
            package_reference_id TEXT NOT NULL,
            carrier_code TEXT NOT NULL,
            carrier_name TEXT,
            shipping_method TEXT,
            tracking_number TEXT NOT NULL,
            ship_date TEXT NOT NULL,
            items TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            done_at TEXT,
            UNIQUE (order_id, package_reference_id)
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX tracking_outbox_label ON tracking_outbox (label_id)")
    db.execute("CREATE INDEX idx_tracking_outbox_due ON tracking_outbox (state, next_attempt_at)")
    db.execute(
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            order_id TEXT,
            message TEXT NOT NULL,
            created_at TEXT NOT NULL,
            resolved_at TEXT
        )
        """
    )


@MIGRATIONS(name="0005_work_state_on_orders")
def _work_state_on_orders(db: sqlite_utils.Database) -> None:
    # The Orders tab filters and sorts 100,000 rows by their label's state; joining labels and
    # uploads for every row made that ~450 ms. The active label's state, size and upload state
    # are copied onto the order by triggers, and indexed.
    for column in ("label_state TEXT", "parcel_type TEXT", "upload_state TEXT"):
        db.execute(f"ALTER TABLE orders ADD COLUMN {column}")
    db.execute("CREATE INDEX idx_orders_work_state ON orders (COALESCE(label_state, status))")
    db.execute("CREATE INDEX idx_orders_label_state ON orders (label_state)")
    db.execute("CREATE INDEX idx_orders_parcel_type ON orders (parcel_type)")
    db.execute("CREATE INDEX idx_orders_upload_state ON orders (upload_state)")
    active = (
        "(SELECT {column} FROM labels WHERE order_id = {order} AND state != 'cancelled' "
        "ORDER BY package_no LIMIT 1)"
    )
    sync = (
        "UPDATE orders SET label_state = "
        + active.format(column="state", order="{order}")
        + ", parcel_type = "
        + active.format(column="parcel_type", order="{order}")
        + " WHERE order_id = {order};"
    )
    db.execute(
        f"CREATE TRIGGER labels_to_orders_insert AFTER INSERT ON labels BEGIN "
        f"{sync.format(order='new.order_id')} END"
    )
    db.execute(
        f"CREATE TRIGGER labels_to_orders_update AFTER UPDATE OF state, parcel_type ON labels "
        f"BEGIN {sync.format(order='new.order_id')} END"
    )
    db.execute(
        f"CREATE TRIGGER labels_to_orders_delete AFTER DELETE ON labels BEGIN "
        f"{sync.format(order='old.order_id')} END"
    )
    upload = (
        "UPDATE orders SET upload_state = (SELECT state FROM tracking_outbox "
        "WHERE order_id = {order} ORDER BY id DESC LIMIT 1) WHERE order_id = {order};"
    )
    db.execute(
        f"CREATE TRIGGER outbox_to_orders_insert AFTER INSERT ON tracking_outbox BEGIN "
        f"{upload.format(order='new.order_id')} END"
    )
    db.execute(
        f"CREATE TRIGGER outbox_to_orders_update AFTER UPDATE OF state ON tracking_outbox BEGIN "
        f"{upload.format(order='new.order_id')} END"
    )
    # Existing data.
    db.execute(
        sync.format(order="orders.order_id").replace(" WHERE order_id = orders.order_id;", "")
    )
    db.execute(
        upload.format(order="orders.order_id").replace(" WHERE order_id = orders.order_id;", "")
    )


@MIGRATIONS(name="0006_label_refusals")
def _label_refusals(db: sqlite_utils.Database) -> None:
    # What the carrier refused, field by field (ShipDesk's field names and a reason code), so the
    # window words it in the owner's language and keeps the carrier's text as the details.
    db.execute("ALTER TABLE labels ADD COLUMN error_details TEXT NOT NULL DEFAULT '[]'")


@MIGRATIONS(name="0007_carrier_settings_per_carrier")
def _carrier_settings_per_carrier(db: sqlite_utils.Database) -> None:
    # One carrier became several: its name, account numbers and state move under its key.
    import json

    def value(key: str) -> Any:
        row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else None

    carrier = value("carrier.name")
    if carrier:
        status = value("carrier.status") or {}
        moved = {
            "state": status.get("state", "connected"),
            "accounts": value("carrier.account_numbers") or [],
            "error_code": status.get("error_code"),
            "message": status.get("message", ""),
            "since": status.get("since"),
        }
        db.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [f"carriers.{carrier}", json.dumps(moved)],
        )
    db.execute(
        "DELETE FROM settings WHERE key IN "
        "('carrier.name', 'carrier.status', 'carrier.account_numbers')"
    )
    # The six settings were DHL's: each carrier has its own from now on.
    db.execute(
        "UPDATE OR REPLACE settings SET key = 'shipping.settings.dhl' "
        "WHERE key = 'shipping.settings'"
    )


@MIGRATIONS(name="0008_label_parcel_numbers")
def _label_parcel_numbers(db: sqlite_utils.Database) -> None:
    # Every number a carrier gives a parcel (GLS: the unitNo and its Track ID uniqueNo), per
    # parcel: which one Amazon gets is a setting, and support may need the other.
    db.execute("ALTER TABLE labels ADD COLUMN parcel_numbers TEXT NOT NULL DEFAULT '[]'")


@MIGRATIONS(name="0009_outbox_leases")
def _outbox_leases(db: sqlite_utils.Database) -> None:
    # A confirmation being sent is leased apart from when it is due, so that voiding a label
    # can tell one still waiting (withdrawn) from one on its way to Amazon (too late).
    db.execute("ALTER TABLE tracking_outbox ADD COLUMN leased_until TEXT")


@MIGRATIONS(name="0010_label_carrier_confirmation")
def _label_carrier_confirmation(db: sqlite_utils.Database) -> None:
    # When the carrier was told the label ships (GLS's end-of-day ConfirmMultiple, if chosen).
    db.execute("ALTER TABLE labels ADD COLUMN carrier_confirmed_at TEXT")


@MIGRATIONS(name="0011_outbox_delete_trigger")
def _outbox_delete_trigger(db: sqlite_utils.Database) -> None:
    # A confirmation taken back (its label voided) no longer speaks for its order.
    db.execute(
        "CREATE TRIGGER outbox_to_orders_delete AFTER DELETE ON tracking_outbox BEGIN "
        "UPDATE orders SET upload_state = (SELECT state FROM tracking_outbox "
        "WHERE order_id = old.order_id ORDER BY id DESC LIMIT 1) "
        "WHERE order_id = old.order_id; END"
    )


@MIGRATIONS(name="0012_label_carrier_confirm_refusal")
def _label_carrier_confirm_refusal(db: sqlite_utils.Database) -> None:
    # Why the carrier refused one label's end-of-day confirmation: it is not offered again
    # each day (the owner sees an alert naming its order instead).
    db.execute("ALTER TABLE labels ADD COLUMN carrier_confirm_refused TEXT")


@MIGRATIONS(name="0013_label_delivery")
def _label_delivery(db: sqlite_utils.Database) -> None:
    # Where the parcel is, from the carrier's track & trace: its status (not_scanned,
    # in_transit, delivered, problem), the first scan, the delivery and the latest event, and
    # when ShipDesk last asked. "30 days after delivery" is counted from delivered_at.
    for column in (
        "delivery_status",
        "first_scan_at",
        "delivered_at",
        "tracking_event",
        "tracking_checked_at",
    ):
        db.execute(f"ALTER TABLE labels ADD COLUMN {column} TEXT")
    db.execute(
        "CREATE INDEX idx_labels_to_follow ON labels (state, delivery_status, tracking_checked_at)"
    )


@MIGRATIONS(name="0014_buyer_data_erasure")
def _buyer_data_erasure(db: sqlite_utils.Database) -> None:
    # When the order's buyer data (name, company, address, phone, its search-index words, the
    # label's receiver and documents) was erased: 30 days after delivery, or at Amazon's
    # request (store/erasure.py). An import never writes the buyer data of such an order back.
    db.execute("ALTER TABLE orders ADD COLUMN buyer_data_erased_at TEXT")


@MIGRATIONS(name="0015_orders_work_list_index")
def _orders_work_list_index(db: sqlite_utils.Database) -> None:
    # The Orders tab's first view ("To ship": status and label state, newest first) read from
    # this index alone: the encrypted file then decrypts a few index pages at start instead of
    # every page of the orders table.
    db.execute("CREATE INDEX idx_orders_work_list ON orders (status, label_state, created_time)")


@MIGRATIONS(name="0016_label_service_point")
def _label_service_point(db: sqlite_utils.Database) -> None:
    # The pickup point a label goes to (a ServicePoint, a ParcelShop or locker), as JSON: the
    # carrier's id (also in the carrier's pickup option), its name and address to show. NULL:
    # to the door.
    db.execute("ALTER TABLE labels ADD COLUMN service_point TEXT")


@MIGRATIONS(name="0017_outbox_package_per_parcel")
def _outbox_package_per_parcel(db: sqlite_utils.Database) -> None:
    # A label of several parcels tells Amazon one package per parcel (its units spread over
    # them): a confirmation per label and parcel. The order's upload state is its worst
    # package's (a refused one is not hidden behind one that went through).
    db.execute("ALTER TABLE tracking_outbox ADD COLUMN parcel INTEGER NOT NULL DEFAULT 0")
    db.execute("DROP INDEX tracking_outbox_label")
    db.execute("CREATE UNIQUE INDEX tracking_outbox_label ON tracking_outbox (label_id, parcel)")
    worst = (
        "UPDATE orders SET upload_state = (SELECT state FROM tracking_outbox "
        "WHERE order_id = {order} ORDER BY CASE state WHEN 'needs_attention' THEN 0 "
        "WHEN 'pending' THEN 1 ELSE 2 END, id DESC LIMIT 1) WHERE order_id = {order};"
    )
    for name, event, row in (
        ("outbox_to_orders_insert", "AFTER INSERT", "new"),
        ("outbox_to_orders_update", "AFTER UPDATE OF state", "new"),
        ("outbox_to_orders_delete", "AFTER DELETE", "old"),
    ):
        db.execute(f"DROP TRIGGER {name}")
        db.execute(
            f"CREATE TRIGGER {name} {event} ON tracking_outbox BEGIN "
            f"{worst.format(order=row + '.order_id')} END"
        )


@MIGRATIONS(name="0018_label_parcel_weights")
def _label_parcel_weights(db: sqlite_utils.Database) -> None:
    # Each parcel's own weight (JSON list, one per parcel) when the owner weighed them apart;
    # NULL: every parcel weighs the label's weight_kg.
    db.execute("ALTER TABLE labels ADD COLUMN parcel_weights TEXT")


@MIGRATIONS(name="0019_sku_defaults")
def _sku_defaults(db: sqlite_utils.Database) -> None:
    # Size, weight (per unit) and parcels per product, learned from the last label of an order
    # of that SKU alone, or set by the owner (`edited`: learning no longer changes it).
    db.execute(
        "CREATE TABLE sku_defaults (sku TEXT PRIMARY KEY, parcel_type TEXT NOT NULL, "
        "unit_weight_kg REAL NOT NULL, pieces INTEGER NOT NULL DEFAULT 1, "
        "edited INTEGER NOT NULL DEFAULT 0, learned_from TEXT, updated_at TEXT NOT NULL)"
    )


@MIGRATIONS(name="0020_return_labels")
def _return_labels(db: sqlite_utils.Database) -> None:
    # Return labels: shipments of their own, kept apart from the order's (outbound) labels so
    # that nothing which sends, confirms or tracks those ever takes one. `state`: pending (the
    # carrier was asked; `shipment_id` chosen first, as for labels), made, failed (`error`),
    # voided. One open (pending or made) per outbound label.
    db.execute(
        """
        CREATE TABLE return_labels (
            id INTEGER PRIMARY KEY,
            order_id TEXT NOT NULL REFERENCES orders(order_id),
            label_id INTEGER NOT NULL REFERENCES labels(id),
            carrier TEXT NOT NULL,
            state TEXT NOT NULL,
            shipment_id TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            carrier_label_ids TEXT NOT NULL DEFAULT '[]',
            tracker_codes TEXT NOT NULL DEFAULT '[]',
            error_code TEXT,
            error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            printed_at TEXT
        )
        """
    )
    db.execute(
        "CREATE UNIQUE INDEX return_labels_one_open ON return_labels (label_id) "
        "WHERE state IN ('pending', 'made')"
    )
    db.execute("CREATE INDEX idx_return_labels_order ON return_labels (order_id)")


@MIGRATIONS(name="0021_report_times")
def _report_times(db: sqlite_utils.Database) -> None:
    # When a confirmation first went to Amazon (the reports' "tracking sent"; done_at is when
    # Amazon accepted it). Earlier ones count as sent when they were accepted.
    db.execute("ALTER TABLE tracking_outbox ADD COLUMN first_sent_at TEXT")
    db.execute("UPDATE tracking_outbox SET first_sent_at = done_at WHERE done_at IS NOT NULL")
    # The reports read a period by these moments (store/reports.py).
    db.execute("CREATE INDEX idx_labels_created_at ON labels (label_created_at)")
    db.execute("CREATE INDEX idx_tracking_outbox_done ON tracking_outbox (done_at)")
    db.execute("CREATE INDEX idx_return_labels_created ON return_labels (created_at)")


@MIGRATIONS(name="0022_lighter_order_writes")
def _lighter_order_writes(db: sqlite_utils.Database) -> None:
    # Every import writes each of the orders table's indexes; two of them no query reads: none
    # filters or sorts by last_updated_time (the upsert compares it on the row itself), and
    # idx_orders_work_list starts with the status, so it serves every lookup by status.
    db.execute("DROP INDEX IF EXISTS idx_orders_last_updated_time")
    db.execute("DROP INDEX IF EXISTS idx_orders_status")
    # The search index gets a segment per import page (a commit each). FTS5 merges them once
    # 16 of one level have gathered instead of 4: the index is rewritten less often as it
    # grows, and a substring search finds the same rows about as fast.
    db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('automerge', 16)")


@MIGRATIONS(name="0023_search_index_without_positions")
def _search_index_without_positions(db: sqlite_utils.Database) -> None:
    # The search is LIKE '%word%' only, which FTS5 answers from the trigrams' rows and then
    # checks against the text itself; it never reads where in the text a trigram stands. Not
    # storing those positions (detail=none) makes each imported order's index entry cheaper to
    # write and the index smaller, and finds the same rows.
    secure = db.execute("SELECT v FROM orders_search_config WHERE k = 'secure-delete'").fetchone()
    triggers = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'orders' "
            "AND name LIKE 'orders_search_%' ORDER BY name"
        ).fetchall()
    ]
    db.execute("DROP TABLE orders_search")  # its triggers on orders stay, and are made anew
    for name in ("orders_search_insert", "orders_search_delete", "orders_search_update"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute(
        "CREATE VIRTUAL TABLE orders_search USING fts5(search_text, content='orders', "
        "content_rowid='id', tokenize='trigram', detail=none)"
    )
    db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('automerge', 16)")
    if secure is not None and secure[0]:
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('secure-delete', 1)")
    db.execute("INSERT INTO orders_search (orders_search) VALUES ('rebuild')")
    for sql in triggers:
        db.execute(sql)


@MIGRATIONS(name="0024_search_index_kept_by_its_writers")
def _search_index_kept_by_its_writers(db: sqlite_utils.Database) -> None:
    # FTS5 writes its pending entries out whenever a statement that fires a trigger begins: an
    # import wrote an index segment per page. The code that writes search_text keeps the index
    # in step itself now, once per transaction (store/search_index.py). A deleted order still
    # leaves it by its trigger.
    db.execute("DROP TRIGGER IF EXISTS orders_search_insert")
    db.execute("DROP TRIGGER IF EXISTS orders_search_update")

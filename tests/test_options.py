"""The rules of the Shipping Options tab, as pure functions (settings 2–6)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from shipdesk.carriers.dhl import ROLES  # the option roles of the carrier these rules came from
from shipdesk.domain.labels import (
    ReceiverLimits,
    make_draft,
    recipient_type_for,
    unseen_characters,
    validate_label,
)
from shipdesk.domain.options import resolve, same_day_applies, settings_problems
from shipdesk.domain.orders import DeliveryAddress, FulfillmentStatus, Order, OrderItem
from shipdesk.domain.shipping import (
    WEEKDAYS,
    Capability,
    DayWindow,
    OptionCapability,
    ShippingSettings,
)

TZ = dt.timezone(dt.timedelta(hours=1))
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # a Monday
EXCLUDES = {
    "DOOR": {"BP", "PS"},
    "BP": {"DOOR", "PS", "EVE", "S", "SDD", "EXP", "INS"},
    "EVE": {"S", "SDD", "EXP", "BP"},
    "S": {"EVE", "SDD", "EXP", "BP"},
    "SDD": {"EVE", "S", "EXP", "BP"},
    "EXP": {"EVE", "S", "SDD", "BP"},
}


def option(key: str, **kwargs) -> OptionCapability:
    return OptionCapability(key, exclusions=frozenset(EXCLUDES.get(key, ())), **kwargs)


def offer(parcel_type: str = "SMALL", *keys: str, rank: int = 1) -> Capability:
    keys = keys or ("DOOR", "BP", "EVE", "S", "EXP", "SDD", "NBB", "HANDT", "REFERENCE2")
    options = tuple(
        option(k, input_type="number", input_max=50000)
        if k == "INS"
        else option(k, input_type="text", input_max=70)
        if k == "REFERENCE2"
        else option(k)
        for k in keys
    )
    return Capability("DFY-B2C", parcel_type, options=options, rank=rank)


def run(settings: ShippingSettings, capabilities, placed=MONDAY_10, now=MONDAY_10):
    return resolve(
        settings,
        capabilities,
        roles=ROLES,
        order_reference="403-1234567-1234567",
        order_placed=placed,
        now=now,
    )


def order(**address_changes) -> Order:
    address = DeliveryAddress(
        name="Jan van der Berg",
        line1="Kerkstraat 12A",
        city="Utrecht",
        postal_code="3511 AB",
        country_code="NL",
        address_type="RESIDENTIAL",
    )
    return Order(
        "403-1234567-1234567",
        "2026-11-23T09:00:00Z",
        "2026-11-23T09:00:00Z",
        "A1805IZSGTT6HS",
        FulfillmentStatus.UNSHIPPED,
        address=replace(address, **address_changes),
        items=(OrderItem("1", 1, "SKU", "B0", "Mok"),),
    )


# -- (2) recipient type --
def test_recipient_type_fixed_or_from_the_order() -> None:
    auto = ShippingSettings()
    assert recipient_type_for(order(), auto) == "consumer"
    assert recipient_type_for(order(company_name="Bakkerij B.V."), auto) == "business"
    assert recipient_type_for(order(address_type="COMMERCIAL"), auto) == "business"
    assert recipient_type_for(order(), ShippingSettings(recipient_type="business")) == "business"
    fixed = ShippingSettings(recipient_type="consumer")
    assert recipient_type_for(order(company_name="X B.V."), fixed) == "consumer"


# -- (3) default extra services: always, with a warning where impossible --
def test_default_services_are_applied() -> None:
    result = run(ShippingSettings(default_services=("NBB", "HANDT")), [offer()])
    assert result.option_keys[:3] == ("DOOR", "NBB", "HANDT")
    assert result.warnings == ()


def test_an_impossible_default_service_gives_a_warning() -> None:
    result = run(ShippingSettings(default_services=("AGE_CHECK", "NBB")), [offer()])
    assert "AGE_CHECK" not in result.option_keys and "NBB" in result.option_keys
    assert [(w.code, w.option) for w in result.warnings] == [
        ("default_service_impossible", "AGE_CHECK")
    ]


def test_defaults_that_exclude_each_other_warn_on_the_second() -> None:
    result = run(ShippingSettings(default_services=("EVE", "S")), [offer()])
    assert "EVE" in result.option_keys and "S" not in result.option_keys
    assert result.warnings[0].code == "default_services_conflict"
    assert (result.warnings[0].option, result.warnings[0].detail) == ("S", "EVE")


def test_a_default_delivery_option_can_replace_home_delivery() -> None:
    result = run(ShippingSettings(default_services=("BP",)), [offer()])
    assert "BP" in result.option_keys and "DOOR" not in result.option_keys


def test_insurance_needs_an_amount() -> None:
    missing = run(ShippingSettings(default_services=("INS",)), [offer("SMALL", "DOOR", "INS")])
    assert missing.warnings[0].code == "input_missing"
    fine = run(
        ShippingSettings(default_services=("INS",), inputs={"INS": "250"}),
        [offer("SMALL", "DOOR", "INS")],
    )
    assert ("INS", "250") in fine.options
    too_much = run(
        ShippingSettings(default_services=("INS",), inputs={"INS": "60000"}),
        [offer("SMALL", "DOOR", "INS")],
    )
    assert too_much.warnings[0].code == "input_out_of_range"


# -- (4) DHL Vandaag --
def weekdays(*enabled: str, start=None, end=None) -> tuple[DayWindow, ...]:
    return tuple(DayWindow(day in enabled, start, end) for day in WEEKDAYS)


def test_same_day_only_on_enabled_weekdays() -> None:
    monday = ShippingSettings(same_day=weekdays("mon"))
    tuesday_only = ShippingSettings(same_day=weekdays("tue"))
    assert "SDD" in run(monday, [offer()]).option_keys
    assert run(monday, [offer()]).same_day
    assert "SDD" not in run(tuesday_only, [offer()]).option_keys


def test_same_day_only_inside_the_window_and_on_the_day_itself() -> None:
    window = ShippingSettings(same_day=weekdays("mon", start=dt.time(8), end=dt.time(14)))
    assert "SDD" in run(window, [offer()]).option_keys
    late = MONDAY_10.replace(hour=14, minute=0)
    assert "SDD" not in run(window, [offer()], placed=late, now=late).option_keys
    early = MONDAY_10.replace(hour=7, minute=59)
    assert "SDD" not in run(window, [offer()], placed=early, now=MONDAY_10).option_keys
    next_day = MONDAY_10 + dt.timedelta(days=1)
    assert "SDD" not in run(window, [offer()], placed=MONDAY_10, now=next_day).option_keys


def test_same_day_needs_a_postcode_that_has_it() -> None:
    settings = ShippingSettings(same_day=weekdays("mon"))
    without = offer("SMALL", "DOOR", "EVE", "NBB")  # e.g. a village outside the SDD areas
    result = run(settings, [without])
    assert "SDD" not in result.option_keys and result.warnings == ()  # silently


def test_same_day_gives_way_to_a_conflicting_default() -> None:
    settings = ShippingSettings(default_services=("EVE",), same_day=weekdays("mon"))
    result = run(settings, [offer()])
    assert "EVE" in result.option_keys and "SDD" not in result.option_keys
    problems = settings_problems(settings, [offer()], ROLES)
    assert [p.code for p in problems] == ["same_day_excluded_by_default"]


def test_same_day_helper_uses_local_times() -> None:
    settings = ShippingSettings(same_day=weekdays("sun", start=dt.time(0), end=dt.time(12)))
    sunday = dt.datetime(2026, 11, 29, 11, 59, tzinfo=TZ)
    assert same_day_applies(settings, sunday, sunday)
    assert not same_day_applies(settings, sunday.replace(hour=12), sunday.replace(hour=12))
    assert not same_day_applies(settings, None, sunday)


# -- (5) optional services: where possible, silently left out elsewhere --
def test_optional_services_are_silent() -> None:
    settings = ShippingSettings(optional_services=("S", "AGE_CHECK", "NBB"))
    result = run(settings, [offer()])
    assert "S" in result.option_keys and "NBB" in result.option_keys
    assert "AGE_CHECK" not in result.option_keys
    assert result.warnings == ()


def test_optional_services_never_break_defaults() -> None:
    settings = ShippingSettings(default_services=("EVE",), optional_services=("S", "NBB"))
    result = run(settings, [offer()])
    assert "EVE" in result.option_keys and "S" not in result.option_keys
    assert "NBB" in result.option_keys and result.warnings == ()


# -- (6) parcel size --
def test_default_size_or_the_next_bigger_one_with_a_warning() -> None:
    capabilities = [offer("SMALL"), offer("MEDIUM", rank=2), offer("LARGE", rank=3)]
    assert run(ShippingSettings(parcel_type="MEDIUM"), capabilities).parcel_type == "MEDIUM"
    result = run(ShippingSettings(parcel_type="XSMALL"), capabilities)
    assert result.parcel_type == "SMALL"
    assert result.warnings[0].code == "parcel_type_unavailable"


def test_reference_and_unserved_destinations() -> None:
    result = run(ShippingSettings(), [offer()])
    assert ("REFERENCE2", "403-1234567-1234567") in result.options
    nowhere = run(ShippingSettings(), [])
    assert nowhere.product is None and nowhere.warnings[0].code == "destination_not_served"


# -- settings the tab refuses to save --
def test_settings_problems_for_the_tab() -> None:
    bad = ShippingSettings(
        default_services=("EVE", "S", "INS"),
        same_day=weekdays("fri", start=dt.time(15), end=dt.time(9)),
    )
    capabilities = [offer("SMALL", "DOOR", "EVE", "S", "INS", "SDD")]
    codes = {(p.code, p.option) for p in settings_problems(bad, capabilities, ROLES)}
    assert ("default_services_conflict", "S") in codes
    assert ("input_missing", "INS") in codes
    assert ("window_order", "SDD") in codes
    half = ShippingSettings(same_day=(DayWindow(True, dt.time(8), None), *weekdays()[1:]))
    assert settings_problems(half, capabilities, ROLES)[0].code == "both_times_needed"
    assert settings_problems(ShippingSettings(), capabilities, ROLES) == []


def test_settings_survive_a_round_trip() -> None:
    settings = ShippingSettings(
        sender_id=3,
        recipient_type="consumer",
        default_services=("NBB",),
        same_day=weekdays("mon", "fri", start=dt.time(8, 30), end=dt.time(14)),
        optional_services=("S",),
        parcel_type="MEDIUM",
        weight_kg=2.5,
        inputs={"INS": "100"},
    )
    assert ShippingSettings.from_json(settings.to_json()) == settings


# -- drafts --
def test_draft_splits_the_address_and_flags_problems() -> None:
    limits = ReceiverLimits()
    draft = make_draft(
        order(),
        ShippingSettings(),
        [offer()],
        limits,
        roles=ROLES,
        order_placed=MONDAY_10,
        now=MONDAY_10,
    )
    receiver = draft.receiver
    assert (receiver.first_name, receiver.last_name) == ("Jan", "van der Berg")
    assert (receiver.street, receiver.number, receiver.addition) == ("Kerkstraat", "12", "A")
    assert receiver.postal_code == "3511 AB" and draft.state == "draft"

    po_box = make_draft(
        order(line1="Postbus 123"),
        ShippingSettings(),
        [offer()],
        limits,
        roles=ROLES,
        order_placed=MONDAY_10,
        now=MONDAY_10,
    )
    assert po_box.state == "needs_review"
    assert po_box.review[0].code == "address_split"

    long_name = make_draft(
        order(name="Jan " + "Heel-Lange-Achternaam" * 3),
        ShippingSettings(),
        [offer()],
        limits,
        roles=ROLES,
        order_placed=MONDAY_10,
        now=MONDAY_10,
    )
    assert ("too_long", "last_name") in {(n.code, n.option) for n in long_name.review}

    abroad = make_draft(
        order(country_code="US", postal_code="98101"),
        ShippingSettings(),
        [],
        limits,
        roles=ROLES,
        order_placed=MONDAY_10,
        now=MONDAY_10,
    )
    assert abroad.state == "needs_review"
    assert "destination_not_served" in {n.code for n in abroad.review}


@pytest.mark.parametrize(
    "name, first, last",
    [
        ("Jan Jansen", "Jan", "Jansen"),
        ("Jan van der Berg", "Jan", "van der Berg"),
        ("van Dijk", "", "van Dijk"),
        ("Cher", "", "Cher"),
        ("", "", ""),
    ],
)
def test_person_names(name: str, first: str, last: str) -> None:
    from shipdesk.domain.names import split_person_name

    assert split_person_name(name) == (first, last)


@pytest.mark.parametrize(
    ("changes", "field", "shown"),
    [
        ({"name": "Jan \u202e21 Kerkstraat"}, "last_name", "U+202E"),  # right-to-left override
        ({"city": "Utrecht\x1b[2J"}, "city", "U+001B"),  # an ANSI escape
        ({"line1": "Kerkstraat\u200b 12A"}, "street", "U+200B"),  # a zero-width space
        ({"city": "Utr\ufffdcht"}, "city", "U+FFFD"),  # bytes that could not be decoded
    ],
)
def test_characters_nobody_can_see_are_flagged_never_printed_unseen(changes, field, shown):
    draft = make_draft(
        order(**changes),
        ShippingSettings(),
        [offer()],
        ReceiverLimits(),
        roles=ROLES,
        order_placed=MONDAY_10,
        now=MONDAY_10,
    )
    flagged = [n for n in draft.review if n.code == "control_characters"]
    assert [(n.option, n.detail) for n in flagged] == [(field, shown)]
    assert draft.state == "needs_review"
    # The edit check refuses what is still in the field until the owner retypes it (the
    # splitting may have dropped it already: then the review still says where it was).
    problems = validate_label(
        draft.receiver,
        draft.resolution.options,
        "SMALL",
        1.0,
        1,
        [offer()],
        ReceiverLimits(),
        ROLES,
    )
    still_there = bool(unseen_characters(getattr(draft.receiver, field)))
    assert ("control_characters" in {p.code for p in problems}) == still_there
    assert still_there or field == "street"
    assert texts_for(flagged[0]).startswith("The ")


def texts_for(notice) -> str:
    from shipdesk.ui.texts import notice_text

    return notice_text(notice.code, notice.option, notice.detail)

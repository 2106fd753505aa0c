"""The incoming activity read from its parsed JSON body as msrest reads it, without msrest's cost.

`Activity().deserialize(body)` rebuilds msrest's table of every schema class and sends each
attribute through a generic chain of checks on every call: about 90 µs for an invoke, an
eighth of the bot's CPU under load. The reader walks the same `_attribute_map`s with readers
made once per model class, for the types activities use: str, bool, int, object, ISO 8601
times, models and lists or dicts of them. It builds the models with their constructors and
puts unknown keys in `additional_properties` as msrest does. Whatever it is not sure to read
exactly as msrest would (a value of another type, a time written another way, a model that
msrest treats specially) makes it hand the whole body to msrest: odd bodies are read, or
refused with a DeserializationError, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, tzinfo
from enum import Enum
from functools import cache
from typing import Any

from botbuilder.schema import Activity
from isodate.tzinfo import UTC, FixedOffset

Read = Callable[[Any], Any]


class _Unsure(Exception):
    """A value the reader might not read exactly as msrest does: msrest reads the whole body."""


def read_activity(body: Any) -> Activity:
    """What `Activity().deserialize(body)` gives, or raises."""
    activity = read_without_msrest(body)
    return Activity().deserialize(body) if activity is None else activity


def read_without_msrest(body: Any) -> Activity | None:
    """The activity msrest would read from `body`; None where only msrest can say."""
    try:
        return _activity_reader()(body)
    except (_Unsure, RecursionError):  # msrest uses less stack per level: let it decide
        return None


@cache
def _activity_reader() -> Read:
    return _Readers(Activity._infer_class_models()).reader("Activity")


def _unsure(value: Any) -> Any:
    raise _Unsure


def _exactly(kind: type) -> Read:
    # msrest converts (str(5) is "5", int("5") is 5): values already of the type are kept as they are.
    def read(value: Any) -> Any:
        if type(value) is kind:
            return value
        raise _Unsure

    return read


def _json(value: Any) -> Any:
    """msrest's 'object': dicts and lists copied all the way down, the scalars in them kept."""
    kind = type(value)
    if kind is dict:
        return {key: _json(item) for key, item in value.items()}
    if kind is list:
        return [_json(item) for item in value]
    if kind in (str, int, float, bool) or value is None:
        return value
    raise _Unsure


_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})"
)


def _datetime(value: Any) -> datetime:
    """msrest's 'iso-8601' (isodate's parser), for times written as Teams writes them."""
    match = _TIME.fullmatch(value) if type(value) is str else None
    if match is None:
        raise _Unsure
    *parts, fraction, zone = match.groups()
    zone_info: tzinfo = UTC  # isodate's UTC and FixedOffset, so the times compare and print the same
    if zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        zone_info = FixedOffset(sign * int(zone[1:3]), sign * int(zone[4:6]), zone)
    # msrest cuts the fraction to six digits and isodate rounds down: the first six digits.
    micro = int((fraction or "")[:6].ljust(6, "0"))
    try:
        moment = datetime(*map(int, parts), micro, zone_info)
        moment.utctimetuple()  # msrest's check: raises for an offset of a day or more, or a year past 9999
    except (ValueError, OverflowError):
        raise _Unsure from None
    return moment


_BASIC: dict[str, Read] = {
    "str": _exactly(str),
    "bool": _exactly(bool),
    "int": _exactly(int),
    "float": _exactly(float),
    "object": _json,
    "iso-8601": _datetime,
}


def _list_of(read: Read) -> Read:
    def read_list(value: Any) -> list[Any]:
        if type(value) is not list:
            raise _Unsure  # msrest takes a set too, and refuses the rest
        return [None if item is None else read(item) for item in value]

    return read_list


def _dict_of(read: Read) -> Read:
    def read_dict(value: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise _Unsure  # msrest also takes a list of {key, value} pairs
        return {key: None if item is None else read(item) for key, item in value.items()}

    return read_dict


class _Model:
    """Reads one model class: its fields by JSON key, the other keys as additional properties."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.fields: dict[str, tuple[str, Read]] = {}  # JSON key → attribute, reader
        self.unset: dict[str, None] = {}  # msrest passes every attribute to the constructor

    def __call__(self, data: Any) -> Any:
        if type(data) is not dict:
            raise _Unsure
        kwargs = self.unset.copy()
        extra = {}
        for key, value in data.items():
            field = self.fields.get(key)
            if field is None:
                extra[key] = value  # as it came, not copied: as msrest does
            elif value is not None:
                kwargs[field[0]] = field[1](value)
        model = self.cls(**kwargs)
        if extra:
            model.additional_properties = extra
        return model


class _Readers:
    """A reader per msrest type name, resolved against msrest's own table of model classes."""

    def __init__(self, models: dict[str, type]) -> None:
        self.models = models
        self.built: dict[str, Read] = {}

    def reader(self, type_name: str) -> Read:
        if type_name in _BASIC:
            return _BASIC[type_name]
        if type_name in self.built:  # also a model still being planned: a model may contain itself
            return self.built[type_name]
        if len(type_name) > 2 and type_name[0] + type_name[-1] == "[]":
            return _list_of(self.reader(type_name[1:-1]))
        if len(type_name) > 2 and type_name[0] + type_name[-1] == "{}":
            return _dict_of(self.reader(type_name[1:-1]))
        cls = self.models.get(type_name)
        if cls is None or not _plain_model(cls):
            return _unsure
        model = _Model(cls)
        self.built[type_name] = model
        for attr, description in cls._attribute_map.items():
            key = description["key"]
            if attr == "additional_properties" and key == "":
                continue  # msrest fills it with the unknown keys
            model.fields[key] = (attr, self.reader(description["type"]))
            model.unset[attr] = None
        return model


def _plain_model(cls: type) -> bool:
    """A model msrest reads with no special case: no subtypes, read-only or constant fields, flattening."""
    if isinstance(cls, type) and issubclass(cls, Enum):
        return False
    attributes = getattr(cls, "_attribute_map", None)
    if not isinstance(attributes, dict) or getattr(cls, "_subtype_map", None):
        return False
    validation = getattr(cls, "_validation", {})
    if any(rule.get("readonly") or rule.get("constant") for rule in validation.values()):
        return False
    if attributes.get("additional_properties", {"key": ""})["key"] != "":
        return False  # a real field of that name: msrest then keeps no unknown keys
    keys = [d["key"] for a, d in attributes.items() if a != "additional_properties"]
    no_flattening = all(key and "." not in key and "\\" not in key for key in keys)
    return no_flattening and len(set(keys)) == len(keys)

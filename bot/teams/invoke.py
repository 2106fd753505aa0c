"""Answers to Action.Execute invokes, shaped so botbuilder's CloudAdapter can serialize them.

botbuilder 4.17's typed `on_adaptive_card_invoke` path serializes its answer twice and
Teams gets a 500; the handler answers `adaptiveCard/action` itself with an msrest model
as the body (a plain dict fails the same way).
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from botbuilder.core import InvokeResponse
from botbuilder.schema import Activity, ActivityTypes, AdaptiveCardInvokeResponse


class InvokeAnswer(AdaptiveCardInvokeResponse):
    """The answer with its `value` (a card, or the text of a message) copied out as it is.

    msrest serializes a value typed `object` by walking every key and value of the card,
    about 1 ms for the vote card on each click; the card is plain JSON already. Its
    additional properties (the attribute map's documented `""` key) are copied unchanged,
    so `value` goes there. That also widens `value` beyond a dict, for the text answer.
    """

    _attribute_map: ClassVar[dict[str, dict[str, str]]] = {
        "status_code": {"key": "statusCode", "type": "int"},
        "type": {"key": "type", "type": "str"},
        "additional_properties": {"key": "", "type": "{object}"},
    }

    def __init__(self, kind: str, value: Any) -> None:
        super().__init__(status_code=200, type=kind, value=value)
        self.additional_properties = {"value": value}

    def as_json(self) -> dict[str, Any]:
        """What msrest's serializer makes of it, without msrest's walk over the model."""
        value = self.additional_properties["value"]
        return {"statusCode": self.status_code, "type": self.type, "value": value}

    def __deepcopy__(self, memo: dict[int, Any]) -> InvokeAnswer:
        # botbuilder deep-copies every activity it sends, the invoke answer with its whole card
        # too; the answer is built once per click and never changed, so the copy is waste.
        return self


class _InvokeResponseActivity(Activity):
    """The invoke answer as botbuilder passes it to the adapter: a shallow copy is enough.

    botbuilder deep-copies each activity it sends so that addressing the copy leaves the
    caller's alone; addressing sets only top-level fields, and this activity never leaves
    the process (the adapter returns its value as the HTTP answer).
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> _InvokeResponseActivity:
        return copy.copy(self)


def answer_activity(response: InvokeResponse) -> Activity:
    """The activity that hands `response` to the adapter; sent from the handler, botbuilder sends no other."""
    return _InvokeResponseActivity(value=response, type=ActivityTypes.invoke_response)

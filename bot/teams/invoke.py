"""Answers to Action.Execute invokes, shaped so botbuilder's CloudAdapter can serialize them.

botbuilder 4.17's typed `on_adaptive_card_invoke` path serializes its answer twice and
Teams gets a 500; the handler answers `adaptiveCard/action` itself with an msrest model
as the body (a plain dict fails the same way), and the message variant needs `value`
widened from a dict to any object.
"""

from __future__ import annotations

from typing import Any, ClassVar

from botbuilder.core import InvokeResponse
from botbuilder.schema import AdaptiveCardInvokeResponse

CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"


class _AnyValueInvokeResponse(AdaptiveCardInvokeResponse):
    _attribute_map: ClassVar[dict[str, dict[str, str]]] = {
        **AdaptiveCardInvokeResponse._attribute_map,
        "value": {"key": "value", "type": "object"},
    }


def card_response(card: dict[str, Any]) -> InvokeResponse:
    return InvokeResponse(status=200, body=AdaptiveCardInvokeResponse(status_code=200, type=CARD, value=card))


def message_response(text: str) -> InvokeResponse:
    return InvokeResponse(status=200, body=_AnyValueInvokeResponse(status_code=200, type=MESSAGE, value=text))

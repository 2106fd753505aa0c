"""Everything that knows msgraph-sdk and azure-identity, and the stand-ins for a machine without a tenant.

- `client`: one GraphServiceClient from settings (client secret or managed identity), its retry policy
- `calendar`, `mail`, `files`: the Calendar, Mailer and Files ports on Graph
- `errors`: every SDK, HTTP and credential failure as DeliveryError or RetryLater, nothing else
- `meeting_artifacts`: the MeetingArtifacts port: each event's Teams meeting and its attendance reports
- `local`, `ics`: the same ports as .ics, .eml and plain files in folders; `local_artifacts`: a sample
  attendance report for each local event
- `delivery`: the ports built one way or the other, for the composition root; the SDK is imported
  only when they are built for a tenant
- `settings`: GraphSettings and InlineRetry, plain values
"""

from bot.graph.delivery import Delivery, graph_delivery, local_delivery
from bot.graph.settings import GraphSettings, InlineRetry

__all__ = ["Delivery", "GraphSettings", "InlineRetry", "graph_delivery", "local_delivery"]

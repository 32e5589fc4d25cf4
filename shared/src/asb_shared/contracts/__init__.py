"""The event contracts: what each service publishes, as typed pydantic models, one module per
producer (``intake``, ``casework``, ``engagement``, ``notifications``, ``partner_gateway``) and
the vocabulary they share in ``common``. Import a contract from its producer's module.

Routing key = ``event_type``. The envelope carries the organisation, ids and timestamps; the
contract carries the event's own facts. Consumers ignore fields they do not know; a breaking
change is a new class with a higher ``event_version``.

Importing the package registers every contract (``asb_shared.messaging.envelope.contract_for``),
so a consumer decodes any event whichever producer's module it imported.
"""

from . import casework, common, engagement, intake, notifications, partner_gateway

PRODUCERS = (intake, casework, engagement, notifications, partner_gateway)
"""The producers' modules: every published contract is defined in one of them."""

__all__ = [
    "PRODUCERS",
    "casework",
    "common",
    "engagement",
    "intake",
    "notifications",
    "partner_gateway",
]

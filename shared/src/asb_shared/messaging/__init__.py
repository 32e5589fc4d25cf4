"""Messaging: at-least-once delivery over RabbitMQ with exactly-once effect.

- :mod:`.envelope`: the envelope every event travels in, and the typed contract base class.
- :mod:`.tables`: the outbox and inbox tables each service keeps in its own database.
- :mod:`.outbox`: write events in the business transaction; the relay publishes them.
- :mod:`.broker`: the robust connection and the confirming publisher.
- :mod:`.topology`: the exchange and each consuming service's queues.
- :mod:`.consumer`: the consumer loop with inbox de-duplication, retries and parking.
- :mod:`.parked`: list and replay parked messages (the operator command).
"""

from .envelope import Envelope, Event, contract_for
from .outbox import Outbox, OutboxRelay

__all__ = ["Envelope", "Event", "Outbox", "OutboxRelay", "contract_for"]

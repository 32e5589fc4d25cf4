from decimal import Decimal

from asb_shared.settings import ServiceSettings


class EngagementSettings(ServiceSettings):
    service_name: str = "engagement"
    http_port: int = 8003
    worker_port: int = 9003

    review_clock_seconds: float = 30.0
    """How often the worker looks for support plan reviews falling due."""
    review_batch_size: int = 100
    default_spend_approval_threshold: Decimal = Decimal("100.00")
    """A spend above this needs a team leader's approval, unless the budget sets its own."""

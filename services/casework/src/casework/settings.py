from asb_shared.settings import ServiceSettings


class CaseworkSettings(ServiceSettings):
    service_name: str = "casework"
    http_port: int = 8002
    worker_port: int = 9002
    standards_clock_seconds: float = 1.0
    """How often the worker looks for standards to warn about or breach."""
    standards_batch_size: int = 100
    """Timers warned, and timers breached, per transaction of the standards clock."""

from asb_shared.settings import ServiceSettings


class CaseworkSettings(ServiceSettings):
    service_name: str = "casework"
    http_port: int = 8002
    worker_port: int = 9002
    standards_clock_seconds: float = 1.0
    """How often the worker looks for standards to warn about or breach."""
    standards_batch_size: int = 100
    """Timers warned, and timers breached, per transaction of the standards clock."""
    equality_min_group_size: int = 5
    """The fair-handling report suppresses a group of fewer people than this (and its
    complement), so that no one can be recognised in it."""

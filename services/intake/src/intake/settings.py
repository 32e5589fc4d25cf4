from asb_shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    service_name: str = "intake"
    http_port: int = 8001
    worker_port: int = 9001
    public_base_url: str = "http://127.0.0.1:8001"
    """Where reporters reach the public API; used to build the status link."""

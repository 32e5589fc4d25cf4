from asb_shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    service_name: str = "intake"
    http_port: int = 8001
    worker_port: int = 9001
    public_base_url: str = "http://127.0.0.1:8001"
    """Where reporters reach the public API; used to build the status link."""
    public_rate_per_minute: float = 60
    """Requests a minute each client address may make to a public endpoint group (0: no limit)."""
    public_rate_burst: int = 20
    webchat_api_key: str = "dev-webchat-key"
    """The chat widget back end's key (header X-Api-Key); set a real secret outside development."""

from asb_shared.settings import ServiceSettings


class EngagementSettings(ServiceSettings):
    service_name: str = "engagement"
    http_port: int = 8003
    worker_port: int = 9003

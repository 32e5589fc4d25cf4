from asb_shared.settings import ServiceSettings


class PartnerGatewaySettings(ServiceSettings):
    service_name: str = "partner-gateway"
    http_port: int = 8005
    worker_port: int = 9005

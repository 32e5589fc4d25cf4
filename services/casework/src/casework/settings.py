from asb_shared.settings import ServiceSettings


class CaseworkSettings(ServiceSettings):
    service_name: str = "casework"
    http_port: int = 8002
    worker_port: int = 9002

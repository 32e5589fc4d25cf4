from asb_shared.migrations import run_env
from partner_gateway.models import Base

run_env(Base.metadata)

from asb_shared.migrations import run_env
from engagement.models import Base

run_env(Base.metadata)

from asb_shared.migrations import run_env
from casework.models import Base

run_env(Base.metadata)

from asb_shared.migrations import run_env
from notifications.models import Base, load_all

load_all()
run_env(Base.metadata)

from pathlib import Path
from typing import Annotated

from asb_shared.evidence.storage import EvidenceStoreSettings
from asb_shared.service import settings_dependency
from asb_shared.settings import REPO_ROOT
from fastapi import Depends


class CaseworkSettings(EvidenceStoreSettings):
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
    evidence_dir: Path = REPO_ROOT / ".dev" / "casework-evidence"
    """Where files staff add to a case are kept (``EVIDENCE_STORE=local``): casework's own, not
    intake's (in production a bucket of its own, ``S3_BUCKET``)."""
    max_upload_bytes: int = 21 * 1024 * 1024
    """One evidence file of 20 MiB and room for the form around it."""


Settings = Annotated[CaseworkSettings, Depends(settings_dependency(CaseworkSettings))]

"""Intake's settings, read from the environment (``INBOUND_MAIL_ORGANISATION_ID``...)."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.evidence.storage import EvidenceStoreSettings
from asb_shared.service import settings_dependency
from asb_shared.settings import development_default
from fastapi import Depends
from pydantic import SecretStr


class IntakeSettings(EvidenceStoreSettings):
    service_name: str = "intake"
    http_port: int = 8001
    worker_port: int = 9001
    public_base_url: str = "http://127.0.0.1:8001"
    """Where reporters reach the public API: the status link when there is no resident site."""
    resident_site_url: str = ""
    """The resident web site's address (``https://report.example.org``): the links reporters get
    open its follow page, under their landlord's ``/{prefix in lower case}/``."""
    public_rate_per_minute: int = 30
    """Requests each client address may make to a public endpoint group in any minute (0: no
    limit). Shared by every API process (counted in intake's database)."""
    idempotency_secret: SecretStr = development_default(SecretStr("dev-idempotency-secret"))
    """Seals the secrets of answers kept for retries (see intake.idempotency.keys); set a long
    random value outside development (production refuses to start with the development one).
    Changing it makes answers kept so far unreplayable."""
    webchat_api_key: str = development_default("dev-webchat-key")
    """The chat widget back end's key (header X-Api-Key); set a real secret outside development
    (production refuses to start with the development one)."""
    evidence_max_files: int = 10
    max_upload_bytes: int = 10 * 20 * 1024 * 1024 + 1024 * 1024
    """Ten files of 20 MiB, and room for the form around them."""
    evidence_erasure_seconds: float = 30.0
    """How often the worker removes from storage the files of evidence records that have gone
    (retention, erasure); a file outlives its record by at most about this long."""
    inbound_smtp_host: str = "127.0.0.1"
    inbound_smtp_port: int = 2525
    inbound_mail_organisation_id: uuid.UUID | None = None
    """The landlord whose reporting mailbox this is; the listener is off while unset."""
    inbound_max_message_bytes: int = 40 * 1024 * 1024
    inbound_mail_replies: bool = True
    """Reply to email reporters (their reference and tracking code, or why no report was made)."""
    reply_from_address: str = "asb-reports@landlord.example"
    reply_from_name: str = "Anti-social behaviour team"
    smtp_host: str = "127.0.0.1"
    """The mail relay replies go through (the mail sink locally, on port 1025)."""
    smtp_port: int = 1025
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0


Settings = Annotated[IntakeSettings, Depends(settings_dependency(IntakeSettings))]
"""Route parameter: intake's own settings, typed."""

"""Notifications' settings: environment variables with working local defaults."""

from __future__ import annotations

from asb_shared.settings import ServiceSettings
from pydantic import SecretStr


class NotificationsSettings(ServiceSettings):
    service_name: str = "notifications"
    http_port: int = 8004
    worker_port: int = 9004

    # Email: any SMTP relay (a provider's, or the local mail sink).
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_use_tls: bool = False
    """Implicit TLS (port 465); ``smtp_starttls`` upgrades a plain connection (port 587)."""
    smtp_timeout_seconds: float = 10.0
    smtp_idle_seconds: float = 30.0
    """A kept SMTP session idle this long is closed rather than used again (relays drop idle
    clients after a few minutes; RFC 5321 asks them to wait at least five)."""
    mail_from: str = "Anti-social behaviour team <asb-noreply@example.org>"
    message_id_domain: str = "asb.example.org"
    """The right-hand side of each email's Message-ID, ``<message id@domain>``."""

    # SMS and letters: GOV.UK Notify.
    notify_api_key: SecretStr | None = None
    """A Notify API key, ``name-<service id>-<secret>``. Unset: SMS and letters fail (the
    officer is alerted), nothing is sent."""
    notify_base_url: str = "https://api.notifications.service.gov.uk"
    notify_sms_template_id: str = "9d7a4e0c-7a4f-4c3e-9f1b-3f0a6a1f5e01"
    """A Notify text message template whose whole content is ``((body))``."""
    notify_callback_token: SecretStr | None = None
    """The bearer token Notify sends with its delivery-status callbacks (set in Notify's
    callback settings to ``<API base>/v1/notify/callbacks``)."""
    notify_letter_postage: str = "second"
    notify_timeout_seconds: float = 30.0
    notify_status_check_after_seconds: float = 3600.0
    """A text message or letter Notify accepted but has given no final status for this long
    (its callback lost, say) is asked about, and again after as long each time."""
    notify_status_check_batch_size: int = 50

    # What, when, how often.
    survey_delay_days: float = 5.0
    """Days after closure before the satisfaction survey link is sent, only when the closure
    does not say (the landlord's policy sets it in working days; casework carries it)."""
    survey_link_template: str = "http://127.0.0.1:8001/survey?reference={reference}"
    """The survey link when there is no resident site (``resident_site_url`` unset)."""
    resident_site_url: str = ""
    """The resident web site's address (``https://report.example.org``): messages link to the
    report's follow page there (``follow_url``), and the survey to its survey page."""
    dispatch_batch_size: int = 50
    """Messages a dispatcher handles (one at a time) before looking again."""
    dispatch_poll_seconds: float = 1.0
    send_lease_seconds: float = 120.0
    """How long a claimed message is left to its dispatcher before another may take it over
    (a dispatcher that died mid-send): longer than any one send can take."""
    max_attempts: int = 5
    retry_base_seconds: float = 30.0
    """The first retry waits this long; each next one twice as long."""
    retry_max_seconds: float = 3600.0

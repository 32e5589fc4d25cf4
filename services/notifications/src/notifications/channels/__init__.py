"""How a message leaves: email over SMTP, SMS and letters through GOV.UK Notify, in-app by
storing. Each sender answers with an :class:`Outcome`; none touches the database."""

from .outcome import Accepted, Outcome, Permanent, Temporary

__all__ = ["Accepted", "Outcome", "Permanent", "Temporary"]

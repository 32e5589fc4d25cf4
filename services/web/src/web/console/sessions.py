"""Staff sessions, kept on the server: the cookie holds a random key, the web service's database
its HMAC (as for residents' sessions, :mod:`web.site.sessions`), who is signed in, and their
tokens encrypted.

A session ends after ``STAFF_SESSION_IDLE_MINUTES`` without use and, however much it is used,
``STAFF_SESSION_ABSOLUTE_MINUTES`` after its sign-in. The tokens (access, refresh and ID token)
are encrypted with a key derived from ``SESSION_SECRET`` (Fernet: AES with an HMAC), never put in
the cookie or a page; the rest is what a page needs: the subject, name, organisation and roles,
the form token, and the sign-in's state while it is under way.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from asb_shared.db import Database, utcnow
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import DateTime, LargeBinary, String, delete, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..site.sessions import Session
from .identity import session_ends


class StaffSessionRow(Base):
    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(
        String(64), primary_key=True, comment="HMAC of the cookie's value"
    )
    subject: Mapped[str | None] = mapped_column(String(200), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    tokens: Mapped[bytes | None] = mapped_column(
        LargeBinary, comment="the provider's tokens, encrypted"
    )
    access_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), index=True, comment="the idle end, never past the absolute one"
    )
    absolute_expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StaffSession(Session):
    """One browser's staff session: a site session's data and form token, with who is signed in
    and their tokens."""

    def __init__(
        self,
        key: str | None,
        data: dict[str, Any],
        expires_at: datetime | None = None,
        *,
        created_at: datetime | None = None,
        tokens: dict[str, Any] | None = None,
        access_expires_at: datetime | None = None,
    ) -> None:
        super().__init__(key, data, expires_at)
        self.created_at = created_at
        self.tokens = tokens or {}
        self.access_expires_at = access_expires_at

    @property
    def signed_in(self) -> bool:
        return bool(self.data.get("staff")) and bool(self.tokens.get("access_token"))

    def sign_in(
        self, staff: dict[str, Any], tokens: dict[str, Any], access_expires_at: datetime | None
    ) -> None:
        """Who signed in, with their tokens: a new key and a new absolute lifetime (the key the
        sign-in started under opens nothing afterwards)."""
        self.data = {"staff": staff, "csrf": secrets.token_urlsafe(32)}
        self.tokens = tokens
        self.access_expires_at = access_expires_at
        self.created_at = None
        self.renew()

    def replace_tokens(self, tokens: dict[str, Any], access_expires_at: datetime | None) -> None:
        self.tokens = tokens
        self.access_expires_at = access_expires_at
        self.modified = True


def _cipher(secret: str) -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"asb staff session tokens"
    ).derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


class StaffSessionStore:
    def __init__(self, db: Database, secret: str, idle: timedelta, absolute: timedelta) -> None:
        self.db = db
        self._secret = secret.encode()
        self._cipher = _cipher(secret)
        self.idle = idle
        self.absolute = absolute

    def _id(self, key: str) -> str:
        return hmac.new(self._secret, key.encode(), hashlib.sha256).hexdigest()

    def _decrypt(self, sealed: bytes | None) -> dict[str, Any]:
        if not sealed:
            return {}
        try:
            found = json.loads(self._cipher.decrypt(sealed))
        except (InvalidToken, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    async def load(self, key: str | None) -> StaffSession:
        if not key or len(key) > 100:
            return StaffSession(None, {})
        now = utcnow()
        async with self.db.sessions() as db:
            row = (
                await db.execute(
                    select(StaffSessionRow).where(
                        StaffSessionRow.id == self._id(key),
                        StaffSessionRow.expires_at > now,
                        StaffSessionRow.absolute_expires_at > now,
                    )
                )
            ).scalar_one_or_none()
        if row is None:
            return StaffSession(None, {})
        return StaffSession(
            key,
            dict(row.data),
            row.expires_at,
            created_at=row.created_at,
            tokens=self._decrypt(row.tokens),
            access_expires_at=row.access_expires_at,
        )

    def wants_saving(self, session: StaffSession) -> bool:
        """Changed, or used with less than half its idle time left (each use keeps it open,
        with one write in half an idle period at most)."""
        if session.modified:
            return True
        return (
            session.key is not None
            and session.expires_at is not None
            and session.expires_at - utcnow() < self.idle / 2
        )

    async def save(self, session: StaffSession) -> str:
        """Writes the session (a new one gets its key) and returns the cookie's value."""
        if session.key is None:
            session.key = secrets.token_urlsafe(32)
        now = utcnow()
        created = session.created_at or now
        expires_at = session_ends(created, now, self.idle, self.absolute)
        staff = session.data.get("staff")
        values: dict[str, Any] = {
            "id": self._id(session.key),
            "subject": staff.get("subject") if isinstance(staff, dict) else None,
            "data": session.data,
            "tokens": self._cipher.encrypt(json.dumps(session.tokens).encode())
            if session.tokens
            else None,
            "access_expires_at": session.access_expires_at,
            "created_at": created,
            "expires_at": expires_at,
            "absolute_expires_at": created + self.absolute,
        }
        changing = {k: v for k, v in values.items() if k not in ("id", "created_at")}
        async with self.db.transaction() as db:
            if session.previous_key is not None:
                await db.execute(
                    delete(StaffSessionRow).where(
                        StaffSessionRow.id == self._id(session.previous_key)
                    )
                )
                session.previous_key = None
            await db.execute(
                insert(StaffSessionRow)
                .values(**values)
                .on_conflict_do_update(index_elements=[StaffSessionRow.id], set_=changing)
            )
            # Ended sessions go a few at a time, on the way: no timer to run.
            stale = select(StaffSessionRow.id).where(StaffSessionRow.expires_at < now).limit(20)
            await db.execute(
                delete(StaffSessionRow).where(StaffSessionRow.id.in_(stale.scalar_subquery()))
            )
        session.modified = False
        session.expires_at = expires_at
        session.created_at = created
        return session.key

    async def end(self, session: StaffSession) -> None:
        """Signs out: the row goes, and the session is empty."""
        for key in (session.key, session.previous_key):
            if key is not None:
                async with self.db.transaction() as db:
                    await db.execute(
                        delete(StaffSessionRow).where(StaffSessionRow.id == self._id(key))
                    )
        session.key, session.previous_key, session.data, session.tokens = None, None, {}, {}
        session.modified = False

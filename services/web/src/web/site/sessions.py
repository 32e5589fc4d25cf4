"""Server-side sessions: the cookie holds a random key, the database its HMAC and the data.

What a resident has typed (a report in progress, kept when intake is down) and the tracking
tokens of the reports they follow live here, never in the cookie or a URL. The stored id is an
HMAC of the cookie's value under ``SESSION_SECRET``: the table alone opens no session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Annotated, Any

from asb_shared.db import Database, utcnow
from fastapi import Depends, Request
from sqlalchemy import DateTime, String, delete, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.orm import Mapped, mapped_column
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..db import Base


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(
        String(64), primary_key=True, comment="HMAC of the cookie's value"
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Session:
    """One visitor's session data; changes are saved when the response starts."""

    def __init__(
        self, key: str | None, data: dict[str, Any], expires_at: datetime | None = None
    ) -> None:
        self.key = key
        """The cookie's value; None until the session is first saved."""
        self.data = data
        self.modified = False
        self.previous_key: str | None = None
        self.expires_at = expires_at

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def __setitem__(self, name: str, value: Any) -> None:
        self.data[name] = value
        self.modified = True

    def pop(self, name: str, default: Any = None) -> Any:
        if name in self.data:
            self.modified = True
        return self.data.pop(name, default)

    def csrf_token(self) -> str:
        """The session's synchronizer token for forms, made on first use."""
        token = self.data.get("csrf")
        if not isinstance(token, str):
            token = secrets.token_urlsafe(32)
            self["csrf"] = token
        return token

    def renew(self) -> None:
        """A new key for the same data (after following a report: no fixation)."""
        self.previous_key, self.key = self.key, None
        self.modified = True


class SessionStore:
    def __init__(self, db: Database, secret: str, idle: timedelta) -> None:
        self.db = db
        self._secret = secret.encode()
        self.idle = idle

    def _id(self, key: str) -> str:
        return hmac.new(self._secret, key.encode(), hashlib.sha256).hexdigest()

    async def load(self, key: str | None) -> Session:
        if not key or len(key) > 100:
            return Session(None, {})
        async with self.db.sessions() as db:
            row = (
                await db.execute(
                    select(SessionRow.data, SessionRow.expires_at).where(
                        SessionRow.id == self._id(key), SessionRow.expires_at > utcnow()
                    )
                )
            ).first()
        if row is None:
            return Session(None, {})
        return Session(key, dict(row.data), row.expires_at)

    def wants_saving(self, session: Session) -> bool:
        """Changed, or read with less than half its idle time left (a resident reading their
        report for a while is not signed out)."""
        if session.modified:
            return True
        return (
            session.key is not None
            and session.expires_at is not None
            and session.expires_at - utcnow() < self.idle / 2
        )

    async def save(self, session: Session) -> str:
        """Writes the session (a new one gets its key) and returns the cookie's value."""
        if session.key is None:
            session.key = secrets.token_urlsafe(32)
        expires_at = utcnow() + self.idle
        values = {"id": self._id(session.key), "data": session.data, "expires_at": expires_at}
        async with self.db.transaction() as db:
            if session.previous_key is not None:
                await db.execute(
                    delete(SessionRow).where(SessionRow.id == self._id(session.previous_key))
                )
                session.previous_key = None
            await db.execute(
                insert(SessionRow)
                .values(**values)
                .on_conflict_do_update(
                    index_elements=[SessionRow.id],
                    set_={"data": values["data"], "expires_at": values["expires_at"]},
                )
            )
            # Expired sessions go a few at a time, on the way: no timer to run.
            stale = select(SessionRow.id).where(SessionRow.expires_at < utcnow()).limit(20)
            await db.execute(delete(SessionRow).where(SessionRow.id.in_(stale.scalar_subquery())))
        session.modified = False
        session.expires_at = expires_at
        return session.key

    async def end(self, session: Session) -> None:
        if session.key is not None:
            async with self.db.transaction() as db:
                await db.execute(delete(SessionRow).where(SessionRow.id == self._id(session.key)))
        session.key, session.data = None, {}


async def session_of(request: Request) -> Session:
    """The request's session, read once (a new, empty one if the cookie names none)."""
    found = getattr(request.state, "session", None)
    if isinstance(found, Session):
        return found
    store: SessionStore = request.app.state.sessions
    settings = request.app.state.settings
    session = await store.load(request.cookies.get(settings.session_cookie))
    request.state.session = session
    return session


SessionDep = Annotated[Session, Depends(session_of)]


class SessionCookieMiddleware:
    """Saves a changed session as the response starts, and sets its cookie: HttpOnly,
    SameSite=Lax, Secure outside development, no expiry (it ends with the browser)."""

    def __init__(self, app: ASGIApp, *, cookie: str, secure: bool) -> None:
        self.app = app
        self.cookie = cookie
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                session = scope.get("state", {}).get("session")
                store: SessionStore = scope["app"].state.sessions
                if isinstance(session, Session) and store.wants_saving(session):
                    key = await store.save(session)
                    attributes = "; Path=/; HttpOnly; SameSite=Lax"
                    if self.secure:
                        attributes += "; Secure"
                    message["headers"] = [
                        *message.get("headers", []),
                        (b"set-cookie", f"{self.cookie}={key}{attributes}".encode()),
                    ]
            await send(message)

        await self.app(scope, receive, send_wrapper)

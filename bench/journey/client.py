"""A lean HTTP/1.1 keep-alive client: the load generator shares the cores with the system."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time

from asb_shared.auth.mint import DEV_ORGANISATION_ID

# --------------------------------------------------------------------------------------------
# A lean HTTP/1.1 keep-alive client (the load generator shares the two cores with the system)


class HttpError(Exception):
    pass


class HttpConn:
    """One keep-alive connection; one request at a time."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0  # monotonic; uvicorn closes keep-alive connections idle for 5 s

    async def connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self) -> None:
        if self.writer is not None:
            with contextlib.suppress(Exception):
                self.writer.close()
        self.reader = self.writer = None

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            await self.connect()
        assert self.reader is not None and self.writer is not None
        try:
            self.writer.write(raw)
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            close = chunked = False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
                elif name == b"transfer-encoding" and b"chunked" in value.lower():
                    chunked = True
            if chunked:
                chunks = []
                while True:
                    size = int((await self.reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
                    data = await self.reader.readexactly(size + 2)
                    if size == 0:
                        break
                    chunks.append(data[:-2])
                body = b"".join(chunks)
            else:
                body = await self.reader.readexactly(length)
        except BaseException:
            self.close()
            raise
        if close:
            self.close()
        self.last_used = time.monotonic()
        return status, body


def get_request(host: str, port: int, path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()


class PostFactory:
    """Builds POST requests whose JSON body has a unique value spliced in at each ``{n}``."""

    def __init__(self, host: str, port: int, path: str, body_template: str) -> None:
        self.head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Content-Type: application/json\r\nContent-Length: "
        ).encode()
        self.parts = body_template.split("{n}")
        self.counter = 0
        self.tag = f"{int(time.time())}"

    def next(self) -> bytes:
        self.counter += 1
        body = f"{self.tag}.{self.counter}".join(self.parts).encode()
        return self.head + str(len(body)).encode() + b"\r\n\r\n" + body


REPORT_BODY = json.dumps(
    {
        "organisation_id": str(DEV_ORGANISATION_ID),
        "categories": ["noise"],
        "description": "Loud music every night until 3am from flat 12",
        # A different address each time: casework links a report about the same address as an
        # open case to that case (and locks it), so identical reports would all join one case.
        "location": {"address": "Flat NNN, Example Court", "postcode": "SK1 3XE"},
        "occurred_at": "2026-11-20T23:30:00Z",
        "reporter": {
            "name": "Sam Resident",
            "email": "sam+NNN@example.org",
            "preferred_channel": "email",
        },
    },
    separators=(",", ":"),
).replace("NNN", "{n}")

CEILING_BODY = json.dumps(
    {
        "organisation_id": str(DEV_ORGANISATION_ID),
        "description": "Loud music every night until 3am from flat 12 ({n})",
    },
    separators=(",", ":"),
)

"""Where evidence files are kept: a local directory (the default) or an S3-compatible bucket.

Keys are made by the service that keeps the file, never taken from a client: ``<organisation>/<yyyy>/<mm>/<uuid>``. Both
stores refuse any key that is not a plain relative path of safe segments, so a file name such as
``../../etc/passwd.jpg`` can never reach the file system or the bucket as a path.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import logging
import os
import re
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import SecretStr

from ..contracts.intake import EvidenceRef
from ..db import uuid7
from ..settings import REPO_ROOT, ServiceSettings
from .checks import CheckedFile

log = logging.getLogger(__name__)

_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class EvidenceNotFound(KeyError):
    """No file is stored under the key."""


class UnsafeKey(ValueError):
    """A storage key that is not a plain relative path of safe segments."""


def check_key(key: str) -> str:
    """``key`` if every segment is safe (letters, digits, ``._-``, not starting with a dot)."""
    parts = key.split("/")
    if not key or len(key) > 500 or not all(_SEGMENT.match(p) for p in parts):
        raise UnsafeKey(f"not a safe storage key: {key!r}")
    return key


def evidence_key(
    organisation_id: uuid.UUID, evidence_id: uuid.UUID, at: datetime | None = None
) -> str:
    """The key for a new evidence file: ``<org>/<yyyy>/<mm>/<evidence id>``."""
    at = at or datetime.now(UTC)
    return f"{organisation_id}/{at:%Y}/{at:%m}/{evidence_id}"


@runtime_checkable
class EvidenceStore(Protocol):
    """Somewhere to keep evidence bytes by key."""

    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def delete(self, key: str) -> None:
        """Remove the file if present (used to undo writes for a request that failed)."""
        ...


class LocalDiskStore:
    """Files under a root directory, each written whole or not at all (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, key: str) -> Path:
        path = self.root.joinpath(*check_key(key).split("/"))
        # Belt and braces: the checked segments cannot climb, but never leave the root.
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise UnsafeKey(f"not a safe storage key: {key!r}")
        return path

    def _write(self, key: str, data: bytes) -> None:
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        # The rename itself is durable once the directory is synced.
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _read(self, key: str) -> bytes:
        try:
            return self.path_for(key).read_bytes()
        except FileNotFoundError as exc:
            raise EvidenceNotFound(key) from exc

    def _delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._write, key, data)

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._read, key)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._delete, key)


class S3Store:
    """Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph...), through boto3.

    boto3 blocks, so each call runs in a worker thread; its client is thread-safe and made once.
    Credentials left unset come from boto3's usual chain (environment, instance role).
    """

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        region: str | None = None,
        addressing_style: str = "path",
    ) -> None:
        import boto3  # type: ignore[import-untyped]
        from botocore.config import Config  # type: ignore[import-untyped]

        self.bucket = bucket
        self._client: Any = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url or None,
            aws_access_key_id=access_key or None,
            aws_secret_access_key=secret_key or None,
            region_name=region or None,
            config=Config(
                s3={"addressing_style": addressing_style},
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=5,
                read_timeout=60,
                # Newer boto3 sends CRC checksums by default, which several S3-compatible
                # servers refuse; Content-MD5 (below) is checked by all of them instead.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        )

    def _put(self, key: str, data: bytes, content_type: str) -> None:
        self._client.put_object(
            Bucket=self.bucket,
            Key=check_key(key),
            Body=data,
            ContentType=content_type,
            ContentMD5=base64.b64encode(hashlib.md5(data).digest()).decode(),
            Metadata={"sha256": hashlib.sha256(data).hexdigest()},
        )

    def _get(self, key: str) -> bytes:
        try:
            response = self._client.get_object(Bucket=self.bucket, Key=check_key(key))
        except self._client.exceptions.NoSuchKey as exc:
            raise EvidenceNotFound(key) from exc
        body = response["Body"]
        try:
            return bytes(body.read())
        finally:
            body.close()

    def _delete(self, key: str) -> None:
        self._client.delete_object(Bucket=self.bucket, Key=check_key(key))

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._put, key, data, content_type)

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._get, key)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._delete, key)


class EvidenceStoreSettings(ServiceSettings):
    """Where a service keeps evidence files, from its environment (``EVIDENCE_STORE``...)."""

    evidence_store: Literal["local", "s3"] = "local"
    evidence_dir: Path = REPO_ROOT / ".dev" / "evidence"
    evidence_max_file_bytes: int = 20 * 1024 * 1024
    evidence_max_image_pixels: int = 90_000_000
    """The most pixels a photo may declare (all frames together); more is refused before it is
    decoded (a decompression bomb)."""
    s3_endpoint_url: str | None = None
    s3_bucket: str | None = None
    s3_access_key: str | None = None
    s3_secret_key: SecretStr | None = None
    s3_region: str | None = None
    s3_addressing_style: Literal["path", "virtual", "auto"] = "path"


def store_from_settings(settings: EvidenceStoreSettings) -> EvidenceStore:
    """The store the settings name: ``evidence_store`` is ``local`` (default) or ``s3``."""
    if settings.evidence_store == "local":
        return LocalDiskStore(settings.evidence_dir)
    if not settings.s3_bucket:
        raise ValueError("evidence_store is s3 but s3_bucket is not set")
    secret = settings.s3_secret_key
    return S3Store(
        settings.s3_bucket,
        endpoint_url=settings.s3_endpoint_url,
        access_key=settings.s3_access_key,
        secret_key=secret.get_secret_value() if secret is not None else None,
        region=settings.s3_region,
        addressing_style=settings.s3_addressing_style,
    )


# --- writing checked files ---------------------------------------------------------------------


@dataclass(frozen=True)
class StoredEvidence:
    """A file already written to storage, ready to be recorded with its report."""

    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str
    id: uuid.UUID = field(default_factory=uuid7)

    def ref(self) -> EvidenceRef:
        return EvidenceRef(
            evidence_id=self.id,
            filename=self.filename,
            content_type=self.content_type,
            size=self.size,
            sha256=self.sha256,
            storage_key=self.storage_key,
        )


async def store_checked(
    store: EvidenceStore,
    organisation_id: uuid.UUID,
    checked: CheckedFile,
    *,
    at: datetime | None = None,
) -> StoredEvidence:
    """Write a checked file under a new key of the service's making; returns its record."""
    evidence_id = uuid7()
    key = evidence_key(organisation_id, evidence_id, at)
    await store.put(key, checked.data, checked.content_type)
    return StoredEvidence(
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        storage_key=key,
        id=evidence_id,
    )


async def discard(store: EvidenceStore, stored: Iterable[StoredEvidence]) -> None:
    """Remove files already written for something that was not recorded after all."""
    for item in stored:
        try:
            await store.delete(item.storage_key)
        except Exception:  # best effort: an orphan file holds no record and harms nothing
            log.warning("could not remove an unrecorded evidence file", exc_info=True)

"""Secrets as files: a setting read from the deployment's secrets folder, never the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from asb_shared.settings import ServiceSettings


def test_settings_are_read_from_files_named_as_their_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("AMQP_URL", raising=False)
    # As Kubernetes mounts a Secret's keys: the operator's plain URI, and the broker's.
    (tmp_path / "database_url").write_text("postgresql://app:s3cret@casework-db-rw:5432/asb\n")
    (tmp_path / "AMQP_URL").write_text("amqp://user:pass@asb-rabbitmq:5672/")
    settings = ServiceSettings(_secrets_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.database_url == "postgresql+asyncpg://app:s3cret@casework-db-rw:5432/asb"
    assert settings.amqp_url == "amqp://user:pass@asb-rabbitmq:5672/"


def test_the_environment_wins_over_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "AMQP_URL").write_text("amqp://from-a-file/")
    monkeypatch.setenv("AMQP_URL", "amqp://from-the-environment/")
    assert ServiceSettings(_secrets_dir=tmp_path).amqp_url == "amqp://from-the-environment/"  # type: ignore[call-arg]


def test_an_asyncpg_url_is_kept_as_it_is() -> None:
    url = "postgresql+asyncpg://postgres@127.0.0.1:5432/asb_casework"
    assert ServiceSettings(database_url=url).database_url == url

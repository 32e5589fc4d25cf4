"""The README's first journey, run as written against the whole system started as processes.

The curl commands of "Try the first journey" are read from README.md and sent as they are (only
the host and ports become this run's, the example reference and tracking token the ones the
system answered); the staff token comes from ``./dev token --role officer`` itself, and the
development officers are registered by the same code ``./dev up`` runs. If the README and the
system drift apart, this fails.
"""

from __future__ import annotations

import asyncio
import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asb_devtools.runner import (
    SERVICES,
    System,
    SystemConfig,
    seed_development_data,
)
from asb_shared.auth.mint import DEV_ORGANISATION_ID, ensure_dev_keys, mint_token
from asb_shared.settings import ServiceSettings
from asb_shared.testing import TestEnvironment, eventually

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def first_journey() -> list[str]:
    """The shell commands of the README's "Try the first journey", comments kept."""
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Try the first journey", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    commands: list[str] = []
    for block in blocks:
        current = ""
        for line in block.splitlines():
            if not current and line.lstrip().startswith("#") and commands:
                commands[-1] += "\n" + line  # what the README says the command answers
                continue
            current += line + "\n"
            # A command ends at the end of a line outside quotes (a quoted body spans lines).
            if current.count("'") % 2 == 0:
                commands.append(current.strip())
                current = ""
    return [c for c in commands if c]


@pytest.fixture(scope="module")
def system(test_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    env = test_env.derive("readme")
    ensure_dev_keys()  # the key ./dev token signs with; the services trust it as in ./dev up
    config = SystemConfig.on_free_ports(
        lambda service: {
            "DATABASE_URL": env.database_url(service),
            "AMQP_URL": env.amqp_url,
            "OUTBOX_POLL_SECONDS": "0.5",
            # Few connections a process: the test command's share of the server stays small.
            "DATABASE_POOL_SIZE": "3",
        },
        tmp_path_factory.mktemp("readme-logs"),
    )
    with System(config) as running:
        running.migrate()
        running.start(timeout=120)
        defaults = ServiceSettings()
        private, _ = ensure_dev_keys()
        tokens = {
            role: mint_token(
                private.read_bytes(),
                subject=subject,
                organisation_id=DEV_ORGANISATION_ID,
                roles=[role],
                issuer=defaults.jwt_issuer,
                audience=defaults.jwt_audience,
            )
            for subject, role in (("dev-admin", "admin"), ("dev-platform", "platform_admin"))
        }
        seed_development_data(config, tokens["admin"], tokens["platform_admin"])
        yield running


class Shell:
    """Runs the README's commands: curl through httpx, ``VAR=$(...)`` through the shell."""

    def __init__(self, system: System, http: httpx.AsyncClient) -> None:
        cfg = system.config
        self.hosts = {
            f"http://127.0.0.1:{8001 + i}": cfg.api_url(s) for i, s in enumerate(SERVICES)
        }
        self.hosts["http://127.0.0.1:8025"] = cfg.mail_url
        self.http = http
        self.vars: dict[str, str] = {}
        self.replace: dict[str, str] = {}

    def _expand(self, text: str) -> str:
        for name, value in self.vars.items():
            text = text.replace(f"${name}", value)
        for old, new in {**self.hosts, **self.replace}.items():
            text = text.replace(old, new)
        return text

    async def run(self, command: str) -> tuple[httpx.Response | None, str]:
        """Run one command; returns its answer and the comment after it (what the README says)."""
        code, _, comment = command.partition("# ->")
        if not code.strip().startswith("curl") and "=$(" in code:
            name, _, sub = code.strip().partition("=$(")
            out = await asyncio.to_thread(
                subprocess.run,
                sub.rstrip().removesuffix(")"),
                shell=True,
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            )
            self.vars[name] = out.stdout.strip()
            return None, comment
        words = shlex.split(code.split("  #", 1)[0].replace("\\\n", " "))
        assert words[0] == "curl", command
        method, headers, data, url = "GET", {}, None, ""
        it = iter(words[1:])
        for word in it:
            if word == "-X":
                method = next(it)
            elif word == "-H":
                key, _, value = next(it).partition(":")
                headers[key.strip()] = self._expand(value.strip())
            elif word == "-d":
                data = self._expand(next(it))
            elif word == "-s":
                continue
            else:
                url = self._expand(word)
        response = await self.http.request(method, url, headers=headers, content=data)
        return response, comment.strip()


async def test_the_readme_first_journey_works_as_written(system: System) -> None:
    commands = first_journey()
    assert len(commands) == 5, commands
    async with httpx.AsyncClient(timeout=20) as http:
        shell = Shell(system, http)

        # 1. The resident's report.
        created, said = await shell.run(commands[0])
        assert created is not None and said.startswith("201"), said
        assert created.status_code == 201, created.text
        answer = created.json()
        for key in re.findall(r'"(\w+)":', said):
            assert key in answer, (key, answer)
        example_reference = re.search(r'"reference": "([^"]+)"', said)
        assert example_reference
        shell.replace[example_reference.group(1)] = answer["reference"]
        shell.replace["<token>"] = answer["tracking_token"]

        # 2. The status view follows the case.
        async def open_status() -> dict[str, Any] | None:
            got, _ = await shell.run(commands[1])
            assert got is not None
            if got.status_code == 429:  # the public rate limit: look again later
                return None
            assert got.status_code == 200, got.text
            body: dict[str, Any] = got.json()
            return body if body["status"] == "open" else None

        status = await eventually(open_status, timeout=60, interval=1.5)
        assert status["case_reference"].startswith("DEV-C-")

        # 3. The acknowledgement in the mail sink (the officer's name may follow it).
        async def mail() -> list[dict[str, Any]]:
            got, _ = await shell.run(commands[2])
            assert got is not None
            return [
                m
                for m in got.json()
                if m["subject"].startswith("We have received your report")
                and answer["reference"] in m["body"]
            ]

        [email] = await eventually(mail, timeout=60, interval=0.5)
        assert answer["reference"] in email["body"]

        # 4. An officer's token from ./dev token, and the cases list.
        await shell.run(commands[3])
        assert shell.vars["TOKEN"].count(".") == 2, shell.vars

        async def assigned() -> dict[str, Any] | None:
            got, _ = await shell.run(commands[4])
            assert got is not None and got.status_code == 200, got.text if got else got
            cases = [c for c in got.json()["items"] if c["reference"] == status["case_reference"]]
            return cases[0] if cases and cases[0]["officer_id"] == "dev-officer" else None

        case = await eventually(assigned, timeout=60, interval=0.5)
        assert case["categories"] == ["noise"]

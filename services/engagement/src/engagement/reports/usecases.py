"""Use cases on Positive Requirement Reports: generate one from the client's record, read it,
and keep the organisation's template (versioned, like the question sets)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from asb_shared.pdf import render_pdf
from asb_shared.usecase import Forbidden, Invalid, NotFound, UnitOfWork
from sqlalchemy import func, select

from ..assessments.models import Assessment
from ..clients.models import Client
from ..clients.records import client_for_change, read_record
from ..clients.usecases import record_of
from ..common import actor_name
from ..plans.models import Activity, Plan
from ..plans.usecases import ACTIVE, plan_view
from ..requirements.usecases import orders_view
from .models import Report, ReportTemplate
from .render import (
    DEFAULT_CSS,
    DEFAULT_HTML,
    DEFAULT_TEMPLATE_VERSION,
    TemplateProblem,
    check_template,
    render_html,
    sha256,
)
from .schemas import ReportIn, TemplateIn, TemplateOut


def _words(value: str) -> str:
    return value.replace("_", " ")


async def _template(uow: UnitOfWork, organisation_id: uuid.UUID) -> TemplateOut:
    row = await uow.session.scalar(
        select(ReportTemplate)
        .where(ReportTemplate.organisation_id == organisation_id)
        .order_by(ReportTemplate.version.desc())
        .limit(1)
    )
    if row is None:
        return TemplateOut(version=DEFAULT_TEMPLATE_VERSION, html=DEFAULT_HTML, css=DEFAULT_CSS)
    return TemplateOut(version=row.version, html=row.html, css=row.css)


async def _context(
    uow: UnitOfWork, client: Client, body: ReportIn, number: int, version: int
) -> dict[str, Any]:
    record = await record_of(uow, client)
    assessment = await uow.session.scalar(
        select(Assessment)
        .where(Assessment.client_id == client.id)
        .order_by(Assessment.number.desc())
        .limit(1)
    )
    plan = await uow.session.scalar(
        select(Plan).where(Plan.client_id == client.id, Plan.status == ACTIVE)
    )
    kinds = Counter(
        await uow.session.scalars(select(Activity.kind).where(Activity.client_id == client.id))
    )
    orders = await orders_view(uow, client)
    return {
        "organisation": body.organisation_name or "Positive Engagement Service",
        "client": {
            **record.client.model_dump(mode="json"),
            "status_text": _words(client.status),
        },
        "cases": [c.model_dump(mode="json") for c in record.cases],
        "consents": [c.model_dump(mode="json") for c in record.consents],
        "engagement": [
            {**c.model_dump(mode="json"), "text": _words(c.change)} for c in record.engagement
        ],
        "activities": {
            k: kinds.get(k, 0)
            for k in ("one_to_one", "accompanied_appointment", "specialist_referral")
        },
        "assessment": None
        if assessment is None
        else {
            "number": assessment.number,
            "assessed_at": assessment.assessed_at.strftime("%d %B %Y"),
            "assessed_by": assessment.assessed_by,
            "areas": [
                {
                    "label": _words(area).capitalize(),
                    "score": score["score"],
                    "need": score["need"],
                    "note": assessment.notes.get(area, ""),
                }
                for area, score in assessment.scores.items()
            ],
        },
        "plan": None if plan is None else (await plan_view(uow, plan)).model_dump(mode="json"),
        "orders": [
            {**o.model_dump(mode="json"), "kind_text": _words(o.kind).capitalize()} for o in orders
        ],
        "recommendation": body.recommendation,
        "report": {
            "number": number,
            "generated_at": uow.now().strftime("%d %B %Y %H:%M UTC"),
            "generated_by": actor_name(uow),
            "template_version": version,
        },
    }


@dataclass
class GenerateReport:
    client_id: uuid.UUID
    body: ReportIn


async def generate_report(uow: UnitOfWork, command: GenerateReport) -> Report:
    """Make the report from the client's record as it stands, and keep it with its hash."""
    client = await client_for_change(uow, command.client_id)
    template = await _template(uow, client.organisation_id)
    number = (
        int(
            await uow.session.scalar(
                select(func.coalesce(func.max(Report.number), 0)).where(
                    Report.client_id == client.id
                )
            )
            or 0
        )
        + 1
    )
    context = await _context(uow, client, command.body, number, template.version)
    try:
        html = await render_html(template.html, context)
    except TemplateProblem as exc:
        raise Invalid.at(
            "template", f"the report template cannot render this record: {exc}"
        ) from exc
    pdf = await asyncio.to_thread(render_pdf, html, template.css)
    report = Report(
        organisation_id=client.organisation_id,
        client_id=client.id,
        number=number,
        template_version=template.version,
        sha256=sha256(pdf),
        size=len(pdf),
        pdf=pdf,
        recommendation=command.body.recommendation,
        generated_by=actor_name(uow),
        generated_at=uow.now(),
    )
    uow.session.add(report)
    await uow.session.flush()
    return report


async def reports_of(uow: UnitOfWork, client_id: uuid.UUID) -> list[Report]:
    client = await read_record(uow, client_id, "reports")
    rows = await uow.session.scalars(
        select(Report).where(Report.client_id == client.id).order_by(Report.number.desc())
    )
    return list(rows)


@dataclass
class ReadReport:
    client_id: uuid.UUID
    report_id: uuid.UUID


async def read_report(uow: UnitOfWork, command: ReadReport) -> Report:
    """One report with its PDF (PEOs only; the read is logged)."""
    client = await read_record(uow, command.client_id, f"report:{command.report_id}")
    report = await uow.session.scalar(
        select(Report).where(Report.id == command.report_id, Report.client_id == client.id)
    )
    if report is None:
        raise NotFound("No such report.")
    return report


@dataclass(frozen=True)
class CurrentTemplate:
    """The acting organisation's report template in use."""


async def current_template(uow: UnitOfWork, query: CurrentTemplate) -> TemplateOut:
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    return await _template(uow, uow.actor.organisation_id)


async def publish_template(uow: UnitOfWork, body: TemplateIn) -> TemplateOut:
    """A new version of the organisation's template, once it renders a sample record."""
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    try:
        await check_template(body.html)
    except TemplateProblem as exc:
        raise Invalid.at("html", str(exc)) from exc
    current = await _template(uow, uow.actor.organisation_id)
    row = ReportTemplate(
        organisation_id=uow.actor.organisation_id,
        version=current.version + 1,
        html=body.html,
        css=body.css,
        created_by=actor_name(uow),
    )
    uow.session.add(row)
    await uow.session.flush()
    return TemplateOut(version=row.version, html=row.html, css=row.css)

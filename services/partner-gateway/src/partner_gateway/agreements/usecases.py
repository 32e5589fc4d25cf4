"""Landlord administrators make, review, extend and withdraw information sharing agreements."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from asb_shared.contracts.common import AsbCategory
from asb_shared.usecase import Conflict, Invalid, UnitOfWork
from pydantic import Field
from sqlalchemy import select

from ..partners.store import get_partner
from ..schemas import Name, Short, Strict, Text, actor_name
from .models import Agreement
from .rules import CaseField, Scope
from .store import get_agreement


class MakeAgreement(Strict):
    partner_id: uuid.UUID
    title: Name
    parties: list[Name] = Field(min_length=2, max_length=20)
    purpose: Text
    lawful_basis: list[Short] = Field(
        min_length=1,
        max_length=10,
        description="e.g. 'Crime and Disorder Act 1998 s115', 'UK GDPR Art 6(1)(e)'",
    )
    categories: list[AsbCategory] = Field(min_length=1, max_length=len(AsbCategory))
    fields: list[CaseField] = Field(min_length=1, max_length=len(CaseField))
    scopes: list[Scope] = Field(min_length=1, max_length=len(Scope))
    starts_on: date
    review_on: date
    expires_on: date


class ChangeDates(Strict):
    review_on: date | None = None
    expires_on: date | None = None


class Withdraw(Strict):
    reason: Text


@dataclass(frozen=True)
class ChangeAgreementDates:
    """A new review date, or a new expiry, for one agreement (None: unchanged)."""

    agreement_id: uuid.UUID
    review_on: date | None = None
    expires_on: date | None = None


@dataclass(frozen=True)
class WithdrawAgreement:
    agreement_id: uuid.UUID
    reason: str


def _check_dates(starts_on: date, review_on: date, expires_on: date) -> None:
    if expires_on < starts_on:
        raise Invalid.at("expires_on", "an agreement cannot expire before it starts")
    if not starts_on <= review_on <= expires_on:
        raise Invalid.at("review_on", "the review date falls between the start and the expiry")


async def make_agreement(uow: UnitOfWork, command: MakeAgreement) -> Agreement:
    partner = await get_partner(uow, command.partner_id)
    _check_dates(command.starts_on, command.review_on, command.expires_on)
    agreement = Agreement(
        organisation_id=partner.organisation_id,
        partner_id=partner.id,
        title=command.title,
        parties=command.parties,
        purpose=command.purpose,
        lawful_basis=command.lawful_basis,
        categories=sorted({c.value for c in command.categories}),
        fields=sorted({f.value for f in command.fields}),
        scopes=sorted({s.value for s in command.scopes}),
        starts_on=command.starts_on,
        review_on=command.review_on,
        expires_on=command.expires_on,
        created_by=actor_name(uow.actor),
    )
    uow.session.add(agreement)
    await uow.session.flush()
    return agreement


async def list_agreements(uow: UnitOfWork, partner_id: uuid.UUID | None) -> list[Agreement]:
    if uow.actor is None:
        raise RuntimeError("a member of staff acts here")
    query = select(Agreement).where(Agreement.organisation_id == uow.actor.organisation_id)
    if partner_id is not None:
        query = query.where(Agreement.partner_id == partner_id)
    return list((await uow.session.scalars(query.order_by(Agreement.id.desc()))).all())


async def change_dates(uow: UnitOfWork, command: ChangeAgreementDates) -> Agreement:
    """Review (a new review date) or extend or shorten an agreement. Shortening it to a date
    already past ends access at once."""
    agreement = await get_agreement(uow, command.agreement_id, lock=True)
    if agreement.withdrawn_at is not None:
        raise Conflict("A withdrawn agreement cannot be changed; make a new one.")
    review_on = command.review_on or agreement.review_on
    expires_on = command.expires_on or agreement.expires_on
    _check_dates(agreement.starts_on, review_on, expires_on)
    agreement.review_on, agreement.expires_on = review_on, expires_on
    await uow.session.flush()
    return agreement


async def withdraw_agreement(uow: UnitOfWork, command: WithdrawAgreement) -> Agreement:
    """Withdraw an agreement: from this moment nothing is shared under it, whatever tokens the
    partner holds (every call checks the agreement)."""
    agreement = await get_agreement(uow, command.agreement_id, lock=True)
    if agreement.withdrawn_at is not None:
        raise Conflict("The agreement is already withdrawn.")
    agreement.withdrawn_at = uow.now()
    agreement.withdrawn_reason = command.reason
    await uow.session.flush()
    return agreement

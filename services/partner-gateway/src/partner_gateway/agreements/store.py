"""Agreements as stored: one found for the member of staff, and its terms and state today."""

from __future__ import annotations

import uuid

from asb_shared.usecase import NotFound, UnitOfWork
from sqlalchemy import select

from .models import Agreement
from .rules import AgreementState, Terms, state, uk_today


def terms(agreement: Agreement) -> Terms:
    return Terms(
        agreement_id=agreement.id,
        categories=frozenset(agreement.categories),
        fields=frozenset(agreement.fields),
        scopes=frozenset(agreement.scopes),
        starts_on=agreement.starts_on,
        review_on=agreement.review_on,
        expires_on=agreement.expires_on,
        withdrawn=agreement.withdrawn_at is not None,
    )


def state_of(agreement: Agreement, uow: UnitOfWork) -> AgreementState:
    return state(terms(agreement), uk_today(uow.now()))


async def get_agreement(
    uow: UnitOfWork, agreement_id: uuid.UUID, *, lock: bool = False
) -> Agreement:
    if uow.actor is None:
        raise RuntimeError("a member of staff acts here")
    query = select(Agreement).where(
        Agreement.id == agreement_id, Agreement.organisation_id == uow.actor.organisation_id
    )
    agreement = await uow.session.scalar(query.with_for_update() if lock else query)
    if agreement is None:
        raise NotFound("No such agreement.")
    return agreement

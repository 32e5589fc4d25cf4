"""The case lifecycle: one pure state machine for the status of an ASB case.

No I/O happens here. The API exposes named *commands* (``assign``, ``resolve``, ...),
never raw statuses; the server looks the command up with :func:`apply`, which either
returns the new status or raises :class:`IllegalTransition` listing what is allowed.

Statuses
    received            a report has come in and opened a case
    triaged             someone has looked at it and decided how to handle it
    open                an officer is assigned
    investigating       evidence gathering (diaries, visits, interviews, witnesses)
    action_plan_agreed  an action plan is agreed with the reporter
    interventions       interventions or legal action under way (warnings, ABAs,
                        mediation, injunctions, possession proceedings, ...)
    reopened            a closed case taken up again; behaves exactly like ``open``
    resolved            closed: the ASB has stopped
    closed              closed: unresolved (no further action possible or useful)
    information_only    closed: logged for information (e.g. an anonymous report
                        that could not be confirmed)
    not_asb             closed: not ASB; the reporter was given advice
    referred_on         closed: passed to another agency (police, council, ...)

Groups used in the table
    WORKING        = open, reopened, investigating, action_plan_agreed, interventions
                     (an officer is assigned and working the case)
    CLOSED_STATES  = resolved, closed, information_only, not_asb, referred_on
    ACTIVE         = every status not in CLOSED_STATES

Transition table (command: allowed from -> to)

    | command                | from                                               | to                 |
    |------------------------|----------------------------------------------------|--------------------|
    | triage                 | received                                           | triaged            |
    | assign                 | triaged                                            | open               |
    | start_investigation    | open, reopened                                     | investigating      |
    | agree_action_plan      | open, reopened, investigating                      | action_plan_agreed |
    | start_interventions    | open, reopened, investigating, action_plan_agreed  | interventions      |
    | resolve                | WORKING                                            | resolved           |
    | close_unresolved       | WORKING                                            | closed             |
    | close_information_only | triaged, open, reopened, investigating             | information_only   |
    | mark_not_asb           | triaged                                            | not_asb            |
    | refer_on               | triaged, WORKING                                   | referred_on        |
    | reopen                 | CLOSED_STATES                                      | reopened           |

Design choices
- Every case is triaged before anything else happens to it; ``received`` has one exit.
- Triage decides the route: assign an officer, or close straight away as not ASB
  (with advice), information only, or referred on. ``not_asb`` is only a triage
  decision; once an officer is working a case it ends in one of the other outcomes.
- Work only moves forward, but may skip steps: an urgent case can go straight from
  ``open`` to interventions (e.g. an emergency injunction) without an investigation or
  an agreed action plan. There is no way back to an earlier working step; the record
  of what was done lives in the case history, not in the status.
- ``information_only`` means "could not be confirmed", so it is allowed only until an
  action plan is agreed; after that the ASB has been accepted and the case ends as
  resolved, closed (unresolved) or referred on.
- Any working case can be resolved, closed unresolved or referred on: behaviour can stop
  early, and a case may turn out to belong to another agency at any point.
- The closed states are terminal except for ``reopen``. A reopened case behaves like
  ``open`` (it keeps its officer), so it may be investigated again, jump to an action plan
  or interventions, or be closed with any working-case outcome.
- A case counts as open (for linking new reports to it) whenever it is not closed;
  see :func:`is_open`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "ACTIVE",
    "CLOSED_STATES",
    "CLOSURE_OUTCOMES",
    "TRANSITIONS",
    "WORKING",
    "CaseCommand",
    "CaseStatus",
    "ClosureOutcome",
    "IllegalTransition",
    "allowed_commands",
    "apply",
    "closure_outcome",
    "is_open",
]


class CaseStatus(StrEnum):
    """Where a case is in its lifecycle; the values are stored in the database."""

    RECEIVED = "received"
    TRIAGED = "triaged"
    OPEN = "open"
    INVESTIGATING = "investigating"
    ACTION_PLAN_AGREED = "action_plan_agreed"
    INTERVENTIONS = "interventions"
    RESOLVED = "resolved"
    CLOSED = "closed"
    INFORMATION_ONLY = "information_only"
    NOT_ASB = "not_asb"
    REFERRED_ON = "referred_on"
    REOPENED = "reopened"


class CaseCommand(StrEnum):
    """What an officer can do to a case's status; the API exposes these, not statuses."""

    TRIAGE = "triage"
    ASSIGN = "assign"
    START_INVESTIGATION = "start_investigation"
    AGREE_ACTION_PLAN = "agree_action_plan"
    START_INTERVENTIONS = "start_interventions"
    RESOLVE = "resolve"
    CLOSE_UNRESOLVED = "close_unresolved"
    CLOSE_INFORMATION_ONLY = "close_information_only"
    MARK_NOT_ASB = "mark_not_asb"
    REFER_ON = "refer_on"
    REOPEN = "reopen"


class ClosureOutcome(StrEnum):
    """How a case ended, as recorded when a closing command is applied."""

    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    INFORMATION_ONLY = "information_only"
    NOT_ASB = "not_asb"
    REFERRED_ON = "referred_on"


CLOSED_STATES: frozenset[CaseStatus] = frozenset(
    {
        CaseStatus.RESOLVED,
        CaseStatus.CLOSED,
        CaseStatus.INFORMATION_ONLY,
        CaseStatus.NOT_ASB,
        CaseStatus.REFERRED_ON,
    }
)
"""Statuses a case ends in; the only way out of them is ``reopen``."""

ACTIVE: frozenset[CaseStatus] = frozenset(CaseStatus) - CLOSED_STATES
"""Every status that is not closed (including ``received`` and ``triaged``)."""

WORKING: frozenset[CaseStatus] = frozenset(
    {
        CaseStatus.OPEN,
        CaseStatus.REOPENED,
        CaseStatus.INVESTIGATING,
        CaseStatus.ACTION_PLAN_AGREED,
        CaseStatus.INTERVENTIONS,
    }
)
"""Statuses in which an officer is assigned and working the case."""

TRANSITIONS: Mapping[CaseCommand, tuple[frozenset[CaseStatus], CaseStatus]] = MappingProxyType(
    {
        CaseCommand.TRIAGE: (frozenset({CaseStatus.RECEIVED}), CaseStatus.TRIAGED),
        CaseCommand.ASSIGN: (frozenset({CaseStatus.TRIAGED}), CaseStatus.OPEN),
        CaseCommand.START_INVESTIGATION: (
            frozenset({CaseStatus.OPEN, CaseStatus.REOPENED}),
            CaseStatus.INVESTIGATING,
        ),
        CaseCommand.AGREE_ACTION_PLAN: (
            frozenset({CaseStatus.OPEN, CaseStatus.REOPENED, CaseStatus.INVESTIGATING}),
            CaseStatus.ACTION_PLAN_AGREED,
        ),
        CaseCommand.START_INTERVENTIONS: (
            frozenset(
                {
                    CaseStatus.OPEN,
                    CaseStatus.REOPENED,
                    CaseStatus.INVESTIGATING,
                    CaseStatus.ACTION_PLAN_AGREED,
                }
            ),
            CaseStatus.INTERVENTIONS,
        ),
        CaseCommand.RESOLVE: (WORKING, CaseStatus.RESOLVED),
        CaseCommand.CLOSE_UNRESOLVED: (WORKING, CaseStatus.CLOSED),
        CaseCommand.CLOSE_INFORMATION_ONLY: (
            frozenset(
                {CaseStatus.TRIAGED, CaseStatus.OPEN, CaseStatus.REOPENED, CaseStatus.INVESTIGATING}
            ),
            CaseStatus.INFORMATION_ONLY,
        ),
        CaseCommand.MARK_NOT_ASB: (frozenset({CaseStatus.TRIAGED}), CaseStatus.NOT_ASB),
        CaseCommand.REFER_ON: (WORKING | {CaseStatus.TRIAGED}, CaseStatus.REFERRED_ON),
        CaseCommand.REOPEN: (CLOSED_STATES, CaseStatus.REOPENED),
    }
)
"""Each command: the statuses it may be applied in, and the status it leads to."""

CLOSURE_OUTCOMES: Mapping[CaseCommand, ClosureOutcome] = MappingProxyType(
    {
        CaseCommand.RESOLVE: ClosureOutcome.RESOLVED,
        CaseCommand.CLOSE_UNRESOLVED: ClosureOutcome.UNRESOLVED,
        CaseCommand.CLOSE_INFORMATION_ONLY: ClosureOutcome.INFORMATION_ONLY,
        CaseCommand.MARK_NOT_ASB: ClosureOutcome.NOT_ASB,
        CaseCommand.REFER_ON: ClosureOutcome.REFERRED_ON,
    }
)
"""The outcome recorded by each command that closes a case."""

_ALLOWED: Mapping[CaseStatus, tuple[CaseCommand, ...]] = MappingProxyType(
    {
        status: tuple(command for command in CaseCommand if status in TRANSITIONS[command][0])
        for status in CaseStatus
    }
)


class IllegalTransition(Exception):
    """A command that is not allowed from the case's current status."""

    def __init__(self, status: CaseStatus, command: CaseCommand) -> None:
        self.status = status
        self.command = command
        self.allowed: list[CaseCommand] = allowed_commands(status)
        options = ", ".join(self.allowed) or "none"
        super().__init__(
            f"command {command.value!r} is not allowed when a case is {status.value!r};"
            f" allowed: {options}"
        )

    def __reduce__(self) -> tuple[type[IllegalTransition], tuple[CaseStatus, CaseCommand]]:
        return (type(self), (self.status, self.command))


def allowed_commands(status: CaseStatus) -> list[CaseCommand]:
    """Return the commands allowed from ``status``, in ``CaseCommand`` declaration order."""
    return list(_ALLOWED[status])


def apply(status: CaseStatus, command: CaseCommand) -> CaseStatus:
    """Return the status a case moves to when ``command`` is applied in ``status``.

    Raises IllegalTransition if the command is not allowed from ``status``.
    """
    sources, target = TRANSITIONS[command]
    if status not in sources:
        raise IllegalTransition(status, command)
    return target


def is_open(status: CaseStatus) -> bool:
    """Whether a case counts as open (new reports may be linked to it): it is not closed."""
    return status not in CLOSED_STATES


def closure_outcome(command: CaseCommand) -> ClosureOutcome | None:
    """Return the outcome ``command`` records if it closes a case, else None."""
    return CLOSURE_OUTCOMES.get(command)

"""The case lifecycle state machine: examples, table checks and property-based tests."""

from __future__ import annotations

import pickle
from collections import deque

import pytest
from casework.cases import state_machine as lifecycle
from casework.cases.state_machine import (
    ACTIVE,
    CLOSED_STATES,
    CLOSURE_OUTCOMES,
    TRANSITIONS,
    WORKING,
    CaseCommand,
    CaseStatus,
    ClosureOutcome,
    IllegalTransition,
    allowed_commands,
    apply,
    closure_outcome,
    is_open,
)
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

S = CaseStatus
C = CaseCommand


def _reachable(start: CaseStatus) -> frozenset[CaseStatus]:
    """Every status reachable from ``start`` by following TRANSITIONS (breadth first)."""
    seen = {start}
    queue = deque([start])
    while queue:
        status = queue.popleft()
        for sources, target in TRANSITIONS.values():
            if status in sources and target not in seen:
                seen.add(target)
                queue.append(target)
    return frozenset(seen)


REACHABLE = _reachable(S.RECEIVED)


def _succeeding(status: CaseStatus) -> set[CaseCommand]:
    """The commands for which apply() succeeds from ``status``, found by trying them all."""
    ok = set()
    for command in CaseCommand:
        try:
            apply(status, command)
        except IllegalTransition:
            continue
        ok.add(command)
    return ok


# --- examples -------------------------------------------------------------------------------


def test_main_path_to_resolved() -> None:
    status = S.RECEIVED
    path = [
        (C.TRIAGE, S.TRIAGED),
        (C.ASSIGN, S.OPEN),
        (C.START_INVESTIGATION, S.INVESTIGATING),
        (C.AGREE_ACTION_PLAN, S.ACTION_PLAN_AGREED),
        (C.START_INTERVENTIONS, S.INTERVENTIONS),
        (C.RESOLVE, S.RESOLVED),
    ]
    for command, expected in path:
        status = apply(status, command)
        assert status == expected
    assert not is_open(status)


def test_main_path_to_closed_unresolved() -> None:
    status = S.RECEIVED
    for command in (C.TRIAGE, C.ASSIGN, C.START_INVESTIGATION, C.START_INTERVENTIONS):
        status = apply(status, command)
    assert status == S.INTERVENTIONS
    assert apply(status, C.CLOSE_UNRESOLVED) == S.CLOSED


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (C.ASSIGN, S.OPEN),
        (C.MARK_NOT_ASB, S.NOT_ASB),
        (C.CLOSE_INFORMATION_ONLY, S.INFORMATION_ONLY),
        (C.REFER_ON, S.REFERRED_ON),
    ],
)
def test_triage_decisions(command: CaseCommand, expected: CaseStatus) -> None:
    assert apply(S.TRIAGED, command) == expected


@pytest.mark.parametrize(
    ("status", "command", "expected"),
    [
        (S.INVESTIGATING, C.CLOSE_INFORMATION_ONLY, S.INFORMATION_ONLY),
        (S.INVESTIGATING, C.RESOLVE, S.RESOLVED),
        (S.OPEN, C.START_INTERVENTIONS, S.INTERVENTIONS),  # urgent: straight to an injunction
        (S.ACTION_PLAN_AGREED, C.REFER_ON, S.REFERRED_ON),
        (S.INTERVENTIONS, C.RESOLVE, S.RESOLVED),
        (S.INTERVENTIONS, C.CLOSE_UNRESOLVED, S.CLOSED),
        (S.INTERVENTIONS, C.REFER_ON, S.REFERRED_ON),
    ],
)
def test_working_case_outcomes(
    status: CaseStatus, command: CaseCommand, expected: CaseStatus
) -> None:
    assert apply(status, command) == expected


@pytest.mark.parametrize("closed", sorted(CLOSED_STATES))
def test_reopen_then_work_again(closed: CaseStatus) -> None:
    status = apply(closed, C.REOPEN)
    assert status == S.REOPENED
    assert is_open(status)
    assert allowed_commands(S.REOPENED) == allowed_commands(S.OPEN)
    status = apply(status, C.START_INVESTIGATION)
    assert apply(status, C.RESOLVE) == S.RESOLVED


@pytest.mark.parametrize(
    ("status", "command", "allowed"),
    [
        (S.RECEIVED, C.RESOLVE, [C.TRIAGE]),
        (S.RECEIVED, C.ASSIGN, [C.TRIAGE]),
        (
            S.OPEN,
            C.REOPEN,
            [
                C.START_INVESTIGATION,
                C.AGREE_ACTION_PLAN,
                C.START_INTERVENTIONS,
                C.RESOLVE,
                C.CLOSE_UNRESOLVED,
                C.CLOSE_INFORMATION_ONLY,
                C.REFER_ON,
            ],
        ),
        (S.RESOLVED, C.CLOSE_UNRESOLVED, [C.REOPEN]),
        (S.NOT_ASB, C.ASSIGN, [C.REOPEN]),
        (S.INVESTIGATING, C.MARK_NOT_ASB, None),
        (S.ACTION_PLAN_AGREED, C.CLOSE_INFORMATION_ONLY, None),
        (S.INTERVENTIONS, C.START_INVESTIGATION, None),  # no going back
        (S.TRIAGED, C.TRIAGE, None),
        (S.TRIAGED, C.RESOLVE, None),
    ],
)
def test_illegal_transitions(
    status: CaseStatus, command: CaseCommand, allowed: list[CaseCommand] | None
) -> None:
    with pytest.raises(IllegalTransition) as caught:
        apply(status, command)
    error = caught.value
    assert error.status == status
    assert error.command == command
    assert error.allowed == allowed_commands(status)
    if allowed is not None:
        assert error.allowed == allowed
    message = str(error)
    assert repr(command.value) in message
    assert repr(status.value) in message
    for option in error.allowed:
        assert option.value in message


def test_illegal_transition_pickles() -> None:
    error = IllegalTransition(S.RECEIVED, C.RESOLVE)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.status, copy.command, copy.allowed, str(copy)) == (
        error.status,
        error.command,
        error.allowed,
        str(error),
    )


# --- the table itself -----------------------------------------------------------------------


def test_every_command_has_a_transition() -> None:
    assert set(TRANSITIONS) == set(CaseCommand)
    for sources, _ in TRANSITIONS.values():
        assert sources


def test_groups_partition_the_statuses() -> None:
    assert ACTIVE | CLOSED_STATES == frozenset(CaseStatus)
    assert not ACTIVE & CLOSED_STATES
    assert WORKING <= ACTIVE
    for status in CaseStatus:
        assert is_open(status) == (status in ACTIVE)


def test_every_status_is_reachable_and_none_is_a_dead_end() -> None:
    assert frozenset(CaseStatus) == REACHABLE
    for status in CaseStatus:
        assert allowed_commands(status), status


def test_closed_states_only_leave_via_reopen() -> None:
    for status in CLOSED_STATES:
        assert allowed_commands(status) == [C.REOPEN]
    assert TRANSITIONS[C.REOPEN] == (CLOSED_STATES, S.REOPENED)


def test_reopened_behaves_like_open() -> None:
    for sources, _ in TRANSITIONS.values():
        assert (S.OPEN in sources) == (S.REOPENED in sources)


def test_closure_outcomes() -> None:
    closing = {command for command, (_, target) in TRANSITIONS.items() if target in CLOSED_STATES}
    assert set(CLOSURE_OUTCOMES) == closing
    assert set(CLOSURE_OUTCOMES.values()) == set(ClosureOutcome)
    assert closure_outcome(C.CLOSE_UNRESOLVED) == "unresolved"
    assert closure_outcome(C.MARK_NOT_ASB) == ClosureOutcome.NOT_ASB
    assert closure_outcome(C.ASSIGN) is None
    assert closure_outcome(C.REOPEN) is None


def test_allowed_commands_order_is_declaration_order() -> None:
    order = list(CaseCommand)
    for status in CaseStatus:
        allowed = allowed_commands(status)
        assert allowed == sorted(allowed, key=order.index)
        allowed.clear()  # callers get a copy
        assert allowed_commands(status)


def _docstring_table() -> dict[CaseCommand, tuple[frozenset[CaseStatus], CaseStatus]]:
    groups = {"WORKING": WORKING, "CLOSED_STATES": CLOSED_STATES}
    table: dict[CaseCommand, tuple[frozenset[CaseStatus], CaseStatus]] = {}
    assert lifecycle.__doc__ is not None
    for line in lifecycle.__doc__.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.strip().startswith("|") or cells[0] in {"command", ""} or "---" in cells[0]:
            continue
        command, sources, target = cells
        statuses: set[CaseStatus] = set()
        for name in sources.split(", "):
            statuses |= groups[name] if name in groups else {CaseStatus(name)}
        table[CaseCommand(command)] = (frozenset(statuses), CaseStatus(target))
    return table


def test_docstring_table_matches_transitions() -> None:
    assert _docstring_table() == dict(TRANSITIONS)


@pytest.mark.parametrize("status", list(CaseStatus))
def test_allowed_commands_are_exactly_those_that_apply(status: CaseStatus) -> None:
    assert set(allowed_commands(status)) == _succeeding(status)


# --- properties -----------------------------------------------------------------------------


@given(st.lists(st.sampled_from(CaseCommand), max_size=60))
def test_any_command_sequence_from_received(commands: list[CaseCommand]) -> None:
    status = S.RECEIVED
    for command in commands:
        allowed = allowed_commands(status)
        assert set(allowed) == _succeeding(status)
        if command in allowed:
            new = apply(status, command)
            assert new == TRANSITIONS[command][1]
            if status in CLOSED_STATES:
                assert command == C.REOPEN
                assert new == S.REOPENED
            status = new
        else:
            with pytest.raises(IllegalTransition) as caught:
                apply(status, command)
            assert caught.value.status == status
            assert caught.value.allowed == allowed
        assert isinstance(status, CaseStatus)
        assert status in REACHABLE


class CaseLifecycle(RuleBasedStateMachine):
    """Drive one case with random commands; illegal ones must leave it unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.status = S.RECEIVED
        self.reopens = 0
        self.closures = 0

    @rule(command=st.sampled_from(CaseCommand))
    def run(self, command: CaseCommand) -> None:
        before = self.status
        try:
            after = apply(before, command)
        except IllegalTransition as error:
            assert command not in allowed_commands(before)
            assert error.allowed == allowed_commands(before)
            return
        assert command in allowed_commands(before)
        assert before in TRANSITIONS[command][0]
        if before in CLOSED_STATES:
            assert command == C.REOPEN
            self.reopens += 1
        if after in CLOSED_STATES:
            assert closure_outcome(command) is not None
            self.closures += 1
        event(f"{before} -> {after}")
        self.status = after

    @rule(command=st.sampled_from(list(CLOSURE_OUTCOMES)))
    def close(self, command: CaseCommand) -> None:
        """Closing commands, tried more often so that reopening gets exercised."""
        self.run(command)

    @invariant()
    def status_is_known_and_reachable(self) -> None:
        assert isinstance(self.status, CaseStatus)
        assert self.status in REACHABLE

    @invariant()
    def open_flag_matches_groups(self) -> None:
        assert is_open(self.status) == (self.status not in CLOSED_STATES)

    @invariant()
    def every_reopen_follows_a_closure(self) -> None:
        assert self.reopens <= self.closures

    @invariant()
    def allowed_matches_apply(self) -> None:
        assert set(allowed_commands(self.status)) == _succeeding(self.status)


TestCaseLifecycle = CaseLifecycle.TestCase

"""Which closed cases are called back (pure rules)."""

from __future__ import annotations

import uuid

import pytest
from casework.callbacks.sampling import draw, sampled


def test_the_share_is_the_policys_and_never_an_anonymous_complainant() -> None:
    ids = [uuid.UUID(int=n * 7919 + 13) for n in range(4000)]
    share = sum(sampled(i, 10, True) for i in ids) / len(ids)
    assert 0.08 < share < 0.12
    assert all(sampled(i, 100, True) for i in ids[:50])
    assert not any(sampled(i, 0, True) for i in ids[:50])
    assert not any(sampled(i, 100, False) for i in ids[:50])
    # The same case draws the same number every time: it can be checked afterwards.
    assert draw(ids[0]) == draw(uuid.UUID(str(ids[0])))
    with pytest.raises(ValueError):
        sampled(ids[0], 101, True)

"""The operator's figures of sending: each attempt counted by channel and how it ended."""

from __future__ import annotations

import uuid

from asb_shared.contracts.common import ContactChannel
from notifications.channels import Accepted, Permanent, Temporary
from notifications.delivery.usecases import Claimed
from notifications.scheduling.dispatcher import count
from prometheus_client import REGISTRY


def figure(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def claimed(channel: ContactChannel) -> Claimed:
    return Claimed(uuid.uuid4(), 1, channel, "someone@example.org", "", "", False)


def test_each_attempt_is_counted_by_its_channel_and_outcome() -> None:
    sent = figure("asb_notifications_sent_total", channel="email")
    temporary = figure("asb_notifications_failed_total", channel="sms", kind="temporary")
    permanent = figure("asb_notifications_failed_total", channel="sms", kind="permanent")

    count(claimed(ContactChannel.EMAIL), Accepted("relay-1"))
    count(claimed(ContactChannel.SMS), Temporary("Notify answered 503"))
    count(claimed(ContactChannel.SMS), Permanent("not a mobile number"))

    assert figure("asb_notifications_sent_total", channel="email") == sent + 1
    assert (
        figure("asb_notifications_failed_total", channel="sms", kind="temporary") == temporary + 1
    )
    assert (
        figure("asb_notifications_failed_total", channel="sms", kind="permanent") == permanent + 1
    )

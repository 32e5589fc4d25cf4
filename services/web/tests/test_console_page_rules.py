"""The console's pure parts: how a complainant may be contacted, said from casework's answer
(never offering a channel marked unsafe, only safe ones on a careful record), the measures'
charts, and the forms' days and times."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from web.console.case.contact_ways import contact_ways
from web.console.fields import Unreadable, instant
from web.console.measures.charts import bar_chart, nice_ceiling

WEEKDAYS_10_TO_12 = {"days": [0, 1, 2, 3, 4], "start": "10:00:00", "end": "12:00:00"}


def test_a_careful_record_offers_only_its_safe_channels() -> None:
    ways = contact_ways(
        {
            "careful": True,
            "safe": ["phone"],
            "unsafe": ["email"],
            "safe_windows": [WEEKDAYS_10_TO_12],
            "voicemail_safe": False,
            "has_code_word": True,
        }
    )
    assert "email" not in ways.methods and "sms" not in ways.methods
    assert "letter" not in ways.methods and "visit" not in ways.methods
    assert "phone" in ways.methods
    assert "Call on the safe number between 10:00 and 12:00, Monday to Friday." in ways.guidance
    assert "Do not leave a voicemail." in ways.guidance
    assert "Use the agreed code word." in ways.guidance
    assert "Never by email." in ways.guidance


def test_a_careful_record_with_nothing_safe_offers_no_channel_and_says_so() -> None:
    ways = contact_ways({"careful": True, "safe": [], "unsafe": []})
    assert [m for m in ways.methods if m in ("phone", "email", "sms", "letter")] == []
    assert any("No channel is marked safe" in line for line in ways.guidance)


def test_a_plain_record_offers_every_channel_not_marked_unsafe() -> None:
    ways = contact_ways({"careful": False, "safe": ["email"], "unsafe": ["sms"]})
    assert "sms" not in ways.methods
    assert {"phone", "email", "letter", "visit"} <= set(ways.methods)
    home = contact_ways({"careful": True, "safe": ["letter"], "letter_to_home_safe": True})
    assert "letter" in home.methods and "visit" in home.methods


def test_an_officer_only_record_says_no_message_goes_to_them() -> None:
    ways = contact_ways({"only_through_officer": True, "safe": ["phone"], "careful": True})
    assert ways.guidance[0].startswith("Only the officer contacts this person")


def test_the_charts_scale_to_a_round_top_and_draw_each_month() -> None:
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 12, 99, 101)] == [1, 1, 5, 10, 20, 100, 200]
    chart = bar_chart([("2026-01", 3), ("2026-02", 0), ("2026-03", None), ("2026-04", 5)])
    assert [b.label for b in chart.bars] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    heights = [b.height for b in chart.bars]
    assert heights[1] == heights[2] == 0 and heights[3] > heights[0] > 0
    assert all(b.y + b.height == pytest.approx(chart.baseline) for b in chart.bars)
    assert chart.ticks[-1].value == 5
    assert bar_chart([(str(n), n) for n in range(36)]).label_every == 3


def test_a_day_and_time_in_the_uk_is_an_instant_in_utc() -> None:
    summer = instant({"d": "2026-07-01", "t": "10:30"}, "d", "t")
    assert datetime.fromisoformat(summer) == datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
    winter = instant({"d": "2026-12-01", "t": "10:30"}, "d", "t")
    assert datetime.fromisoformat(winter) == datetime(2026, 12, 1, 10, 30, tzinfo=UTC)
    with pytest.raises(Unreadable) as bad_day:
        instant({"d": "31/12/2026", "t": "10:30"}, "d", "t")
    assert bad_day.value.field == "d"
    with pytest.raises(Unreadable) as bad_time:
        instant({"d": "2026-12-01", "t": "half ten"}, "d", "t")
    assert bad_time.value.field == "t"

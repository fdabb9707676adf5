"""Attribute values that would run script or break out of their place, as sent."""

from __future__ import annotations

import pytest

from lona.html import A, Div, IFrame, TrustedHTML, TrustedURL
from lona.html.attributes import wire_attributes
from lona.html.urls import BLOCKED_URL, SRCDOC_POLICY


@pytest.mark.parametrize("name", ["href", "HREF", "Href", "SRC", "Action"])
def test_script_urls_are_blocked_whatever_the_case_of_the_name(name):
    assert wire_attributes(A(attributes={name: "javascript:alert(1)"}))[name] == BLOCKED_URL
    trusted = TrustedURL("javascript:void(0)")
    assert wire_attributes(A(attributes={name: trusted}))[name] == trusted


def test_srcdoc_runs_no_script_unless_trusted():
    assert wire_attributes(IFrame(srcdoc="<b>x</b>"))["srcdoc"] == SRCDOC_POLICY + "<b>x</b>"
    trusted = TrustedHTML("<script>ok()</script>")
    assert wire_attributes(IFrame(srcdoc=trusted))["srcdoc"] == trusted


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        ("red", "red"),
        ("red; position: fixed", "red\\; position: fixed"),
        ('"a;b"', '"a\\;b"'),
        ("red\\", "red\\\\"),  # a lone backslash would escape the separator after it
        ('"\\2022"', '"\\2022"'),  # escapes inside a value stay
    ],
)
def test_a_style_value_stays_one_value(value, sent):
    style = wire_attributes(Div(style={"color": value, "width": "1px"}))["style"]
    assert style == f"color: {sent}; width: 1px"

"""Templates as Lona renders them, with values from views still escaped."""

from __future__ import annotations

import json

from lona.html import Div, Span
from lona.templating import Rendered, json_for_js_string

TRUSTED = "<b>imported</b>"


def trusted_markup() -> str:
    return "<i>from imported code</i>"


def test_a_rendered_template_goes_into_another_one_unescaped(app):
    templating = app.create_server().templating
    css = templating.render_string('[data-theme="{{ name }}"] { --x: 1 }', {"name": "generated"})
    assert isinstance(css, Rendered) and css == '[data-theme="generated"] { --x: 1 }'
    page = templating.render_string("<style>{{ css }}</style>", {"css": css})
    assert page == '<style>[data-theme="generated"] { --x: 1 }</style>'
    # a plain str for code written for Lona: concatenation does not escape
    assert css + "<p>" == '[data-theme="generated"] { --x: 1 }<p>'


def test_values_from_views_are_escaped_nodes_render_as_html(app):
    templating = app.create_server().templating
    node = Div(Span("a < b", _id="s"))
    html = templating.render_string("{{ text }}|{{ node }}", {"text": "<script>", "node": node})
    assert html == "&lt;script&gt;|" + str(node)  # as str(node): once escaped, not twice
    assert 'id="s">a &lt; b</span></div>' in html


def test_what_lona_import_brings_in_is_trusted(app):
    templating = app.create_server().templating
    html = templating.render_string(
        "{{ Lona.import('tests.core.test_templating.TRUSTED') }}"
        "{{ Lona.import('tests.core.test_templating.trusted_markup')() }}"
        "{% set dumps = Lona.import('json.dumps') %}{{ dumps({'a': 'b'}) }}"
    )
    assert html == '<b>imported</b><i>from imported code</i>{"a": "b"}'


def test_templates_see_pythons_builtins_and_their_own_variables(app):
    templating = app.create_server().templating
    html = templating.render_string(
        "{{ str(42) }} {{ repr(None) }} {{ len(items) }} {{ sorted(_variables)[0] }}",
        {"items": [1, 2, 3]},
    )
    assert html == "42 None 3 ArithmeticError"


def test_lonas_namespace(app):
    app.settings.CLIENT_TITLE = "Shop"
    templating = app.create_server().templating
    html = templating.render_string(
        "{{ Lona.client_version }}|{{ Lona.server.settings.CLIENT_TITLE }}|"
        "{{ Lona.load_static_file('lona/style.css') }}|{{ Lona.load_static_file('missing') }}"
    )
    assert html == "1|Shop|/static/lona/style.css|"
    protocol = json.loads(str(templating.render_string("{{ Lona.get_protocol_as_json() }}")))
    assert protocol["INPUT_EVENT_TYPE"]["CLICK"] == 301


def test_json_for_a_javascript_string_reads_back_as_the_same_value():
    value = {"quote": 'it\'s "x"', "slash": "a\\b", "tag": "</script>", "uni": "ü\u2028"}
    text = str(json_for_js_string(value))
    assert "</" not in text and "'" not in text.replace("\\'", "")
    # what a JavaScript '...' literal makes of it: \\ -> \, \' -> ', \xNN -> char
    unquoted = text.replace("\\\\", "\0").replace("\\'", "'")
    for code in ("3c", "3e", "26"):
        unquoted = unquoted.replace("\\x" + code, chr(int(code, 16)))
    assert json.loads(unquoted.replace("\0", "\\")) == value

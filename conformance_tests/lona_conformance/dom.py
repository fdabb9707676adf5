"""Browser-side helpers for the conformance tests: the DOM in canonical form.

``install(page)`` adds ``window.lonaTest`` to a loaded page.  It serializes
a DOM subtree the way ``lona_conformance.views.rendering.canonical`` serializes
a server tree (tag, node id, sorted attributes, children, widget data), and
collects the custom messages and protocol errors the page receives.
"""

from __future__ import annotations

from typing import Any

__all__ = ["HELPERS", "install", "run_step"]

HELPERS = r"""
(() => {
  const lonaWindow = () => window.lona_context.windows.get(1);
  // JSON with object keys sorted, so both sides compare as text
  const stable = (value) => {
    if (Array.isArray(value)) return value.map(stable);
    if (value && typeof value === 'object') {
      const sorted = {};
      for (const key of Object.keys(value).sort()) sorted[key] = stable(value[key]);
      return sorted;
    }
    return value;
  };
  const canonical = (node) => {
    const win = lonaWindow();
    const id = win.renderer.idOf(node) ?? null;
    if (node.nodeType === Node.TEXT_NODE) return ['#text', id, node.data];
    if (node.nodeType === Node.COMMENT_NODE) return ['#comment', id];
    const attributes = {};
    for (const attribute of [...node.attributes].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      attributes[attribute.name] = attribute.value;
    }
    const widget = win.widgets.declared.get(node);
    if (widget && widget.name === 'lona.RawHtmlWidget') {
      return [node.localName, id, attributes, ['#raw', node.innerHTML], null];
    }
    const children = [...node.childNodes].map(canonical);
    let data = null;
    if (widget) data = node.lonaTestWidget ? node.lonaTestWidget.data : '<no widget instance>';
    return [node.localName, id, attributes, children, data];
  };
  const messages = [];
  const errors = [];
  window.lonaTest = {
    messages,
    errors,
    canonical: (selector) => {
      const node = document.querySelector(selector);
      return node ? JSON.stringify(stable(canonical(node))) : null;
    },
    stable: (value) => JSON.stringify(stable(value)),
  };
  window.lona_context.add_message_handler((context, message) => {
    messages.push(message);
    return null;
  });
  const warn = console.warn.bind(console);
  console.warn = (...args) => {
    if (String(args[0]).startsWith('lona: server refused')) errors.push(String(args[0]));
    warn(...args);
  };
})();
"""

# Click #next, wait for the server's expected state of this step, then until
# the DOM equals it (or give up and report both).
_STEP = r"""
async ([number, timeout]) => {
  const test = window.lonaTest;
  const before = test.messages.length;
  document.querySelector('#next').click();
  const deadline = performance.now() + timeout;
  let expected = null;
  let actual = null;
  while (performance.now() < deadline) {
    const prefix = '{"step": ' + number + ',';
    const message = test.messages.slice(before).find((m) => m.startsWith(prefix));
    if (message) {
      expected = test.stable(JSON.parse(message).stage);
      actual = test.canonical('#stage');
      if (actual === expected) return {ok: true};
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return {ok: false, expected, actual};
}
"""


def install(page: Any) -> None:
    page.wait_for_function("window.lona_context && window.lona_context.windows.get(1).viewId")
    page.evaluate(HELPERS)


def run_step(page: Any, number: int, timeout_ms: float = 5000) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(_STEP, [number, timeout_ms])
    return result

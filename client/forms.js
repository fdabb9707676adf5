// Form recovery: what the user typed survives a view that starts afresh.
//
// When a window's view can not be resumed (its process is gone, the window
// came back after RESUME_TIMEOUT, the page's socket reached another process
// than its page load), the window starts its URL anew and the new view sends
// its tree.  Before that tree replaces the DOM, the values the user gave the
// window's inputs, text areas and selects are taken (`snapshot`); once it is
// rendered, each goes into the new input with the same `id` (else the same
// `name`, counted in document order) and is sent as the CHANGE event typing
// it would have sent, so the new view sees it as typed (`restore`).
//
// Only values the user gave count: a field the user touched, or whose value
// differs from the one the server rendered; a value the view set stays the
// new view's business.  Files and passwords are left out.

import { parseEvents, valueOf } from './events.js';
import { EventType } from './protocol.js';

const SKIPPED = new Set(['button', 'submit', 'reset', 'image', 'file', 'hidden', 'password']);

function fields(root) {
  return [...root.querySelectorAll('input, textarea, select')].filter(
    (element) => !(element.tagName === 'INPUT' && SKIPPED.has(element.type)),
  );
}

function isToggle(element) {
  return element.type === 'checkbox' || element.type === 'radio';
}

// What names a field across two renderings of a view: its id, else its name
// (a radio button also by its value), counted among fields of that name.
function keys(root) {
  const byField = new Map();
  const seen = new Map();
  for (const element of fields(root)) {
    let key = null;
    if (element.id) {
      key = `#${element.id}`;
    } else if (element.name) {
      const base = element.type === 'radio'
        ? `radio:${element.name}=${element.value}`
        : `name:${element.tagName}:${element.name}`;
      const count = seen.get(base) || 0;
      seen.set(base, count + 1);
      key = `${base}:${count}`;
    }
    if (key !== null) {
      byField.set(element, key);
    }
  }
  return byField;
}

// Which options the page showed selected before the user did anything: a
// single select with none marked shows its first enabled option, which is
// the page's choice, not the user's.
function renderedSelection(select) {
  const options = [...select.options];
  const rendered = options.map((option) => option.defaultSelected);
  if (!select.multiple && !rendered.includes(true)) {
    const first = options.findIndex((option) => !option.disabled);
    if (first >= 0) {
      rendered[first] = true;
    }
  }
  return rendered;
}

function changedFromRendered(element) {
  if (isToggle(element)) {
    return element.checked !== element.defaultChecked;
  }
  if (element.tagName === 'SELECT') {
    const rendered = renderedSelection(element);
    return [...element.options].some((option, index) => option.selected !== rendered[index]);
  }
  // a text area's rendered value is no attribute the DOM keeps: only touching counts
  return element.tagName !== 'TEXTAREA' && element.value !== element.defaultValue;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// The values the user gave the window's fields: key -> value (as CHANGE carries it).
export function snapshot(root, touched) {
  const values = new Map();
  for (const [element, key] of keys(root)) {
    if (touched.has(element) || changedFromRendered(element)) {
      values.set(key, valueOf(element));
    }
  }
  return values;
}

function setValue(element, value) {
  if (isToggle(element)) {
    element.checked = value === true;
  } else if (element.tagName === 'SELECT') {
    [...element.options].forEach((option, index) => {
      option.selected = Array.isArray(value) && value.includes(index);
    });
  } else {
    element.value = String(value);
  }
}

// Put the values back into the new view's fields; each one the view listens
// to reaches it as a CHANGE event.
export function restore(lonaWindow, values) {
  if (values.size === 0) {
    return;
  }
  for (const [element, key] of keys(lonaWindow.root)) {
    if (!values.has(key)) {
      continue;
    }
    const value = values.get(key);
    if (same(valueOf(element), value) || (element.type === 'radio' && value !== true)) {
      continue;
    }
    setValue(element, value);
    lonaWindow.touched.add(element);
    if (parseEvents(element).has(EventType.CHANGE)) {
      lonaWindow.fireEvent(EventType.CHANGE, valueOf(element), element, element);
    }
  }
}

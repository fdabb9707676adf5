// Elements of the fake DOM (see fake_dom.mjs): attributes, the properties
// reflecting them, and a form field's live state (value, checked, selected)
// apart from its attributes, as browsers keep it.

import {
  ELEMENT_NODE, HTML_NS, matches, parseHtml, parseSelectors, serialize,
} from './fake_dom_markup.mjs';
import { FakeNode } from './fake_dom_nodes.mjs';

// elements ##################################################################

class ClassList {
  constructor(element) {
    this.element = element;
  }

  get names() {
    return (this.element.getAttribute('class') || '').split(/\s+/).filter(Boolean);
  }

  contains(name) {
    return this.names.includes(name);
  }

  add(...names) {
    this.element.setAttribute('class', [...new Set([...this.names, ...names])].join(' '));
  }

  remove(...names) {
    if (this.element.hasAttribute('class')) {
      this.element.setAttribute('class', this.names.filter((n) => !names.includes(n)).join(' '));
    }
  }

  toggle(name, force) {
    const on = force === undefined ? !this.contains(name) : Boolean(force);
    if (on) {
      this.add(name);
    } else {
      this.remove(name);
    }
    return on;
  }
}

function datasetOf(element) {
  const attribute = (key) => `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return new Proxy({}, {
    get: (_target, key) => element.getAttribute(attribute(key)) ?? undefined,
    set: (_target, key, value) => {
      element.setAttribute(attribute(key), value);
      return true;
    },
  });
}

export class FakeElement extends FakeNode {
  constructor(ownerDocument, tagName, namespace = HTML_NS) {
    super(ELEMENT_NODE, ownerDocument);
    this.namespaceURI = namespace;
    this.localName = namespace === HTML_NS ? tagName.toLowerCase() : tagName;
    this.tagName = namespace === HTML_NS ? tagName.toUpperCase() : tagName;
    this.attributes = new Map();
    this.state = {}; // live form state apart from attributes: value, checked, selected
    this.classList = new ClassList(this);
    this.dataset = datasetOf(this);
    this.rect = { left: 0, top: 0, width: 0, height: 0 };
  }

  getAttribute(name) {
    return this.attributes.get(this.attributeName(name)) ?? null;
  }

  setAttribute(name, value) {
    this.attributes.set(this.attributeName(name), String(value));
  }

  hasAttribute(name) {
    return this.attributes.has(this.attributeName(name));
  }

  removeAttribute(name) {
    this.attributes.delete(this.attributeName(name));
  }

  attributeName(name) {
    return this.namespaceURI === HTML_NS ? String(name).toLowerCase() : String(name);
  }

  reflect(name, fallback = '') {
    return this.getAttribute(name) ?? fallback;
  }

  get id() { return this.reflect('id'); }

  set id(value) { this.setAttribute('id', value); }

  get name() { return this.reflect('name'); }

  set name(value) { this.setAttribute('name', value); }

  get rel() { return this.reflect('rel'); }

  set rel(value) { this.setAttribute('rel', value); }

  get href() {
    const href = this.getAttribute('href');
    return href === null ? '' : new URL(href, this.doc.URL).href;
  }

  set href(value) { this.setAttribute('href', value); }

  get target() { return this.reflect('target'); }

  get enctype() { return this.reflect('enctype', 'application/x-www-form-urlencoded'); }

  get hidden() { return this.hasAttribute('hidden'); }

  set hidden(value) {
    if (value) {
      this.setAttribute('hidden', '');
    } else {
      this.removeAttribute('hidden');
    }
  }

  get disabled() { return this.hasAttribute('disabled'); }

  get multiple() { return this.hasAttribute('multiple'); }

  get type() {
    if (this.tagName === 'SELECT') {
      return this.multiple ? 'select-multiple' : 'select-one';
    }
    const fallback = this.tagName === 'BUTTON' ? 'submit' : 'text';
    return this.tagName === 'INPUT' || this.tagName === 'BUTTON'
      ? (this.getAttribute('type') || fallback).toLowerCase() : undefined;
  }

  set type(value) { this.setAttribute('type', value); }

  get defaultValue() {
    return this.tagName === 'TEXTAREA' ? this.textContent : this.reflect('value');
  }

  get value() {
    if ('value' in this.state) {
      return this.state.value;
    }
    if (this.tagName === 'SELECT') {
      const selected = this.options.find((option) => option.selected);
      return selected ? selected.value : '';
    }
    if (this.tagName === 'OPTION') {
      return this.getAttribute('value') ?? this.textContent;
    }
    if (this.type === 'checkbox' || this.type === 'radio') {
      return this.getAttribute('value') ?? 'on';
    }
    return this.defaultValue;
  }

  set value(value) {
    this.state.value = String(value);
  }

  get defaultChecked() { return this.hasAttribute('checked'); }

  get checked() {
    return 'checked' in this.state ? this.state.checked : this.defaultChecked;
  }

  set checked(value) {
    this.state.checked = Boolean(value);
    if (value && this.type === 'radio' && this.name) {
      let top = this;
      while (top.parentNode !== null) {
        top = top.parentNode;
      }
      for (const other of top.querySelectorAll(`input[name="${this.name}"]`)) {
        if (other !== this && other.type === 'radio') {
          other.state.checked = false;
        }
      }
    }
  }

  get options() {
    return [...this.descendants()].filter((node) => node.tagName === 'OPTION');
  }

  select() {
    for (let node = this.parentNode; node; node = node.parentNode) {
      if (node.tagName === 'SELECT') {
        return node;
      }
    }
    return null;
  }

  get defaultSelected() { return this.hasAttribute('selected'); }

  // A single select shows one option: the chosen one, else the first.
  get selected() {
    if ('selected' in this.state) {
      return this.state.selected;
    }
    const select = this.select();
    if (select === null || select.multiple) {
      return this.defaultSelected;
    }
    const options = select.options;
    const explicit = options.filter((o) => ('selected' in o.state ? o.state.selected : o.defaultSelected));
    return explicit.length > 0 ? explicit[explicit.length - 1] === this : options[0] === this;
  }

  set selected(value) {
    const select = this.select();
    if (value && select !== null && !select.multiple) {
      for (const option of select.options) {
        option.state.selected = false;
      }
    }
    this.state.selected = Boolean(value);
  }

  getBoundingClientRect() {
    return this.rect;
  }

  matches(selectors) {
    return parseSelectors(selectors).some((selector) => matches(this, selector, null));
  }

  closest(selectors) {
    for (let node = this; node && node.nodeType === ELEMENT_NODE; node = node.parentNode) {
      if (node.matches(selectors)) {
        return node;
      }
    }
    return null;
  }

  get innerHTML() {
    return this.childNodes.map(serialize).join('');
  }

  set innerHTML(html) {
    this.replaceChildren(...parseHtml(this.doc, html, this.localName));
  }

  get outerHTML() {
    return serialize(this);
  }
}

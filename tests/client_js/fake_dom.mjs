// A small DOM for the client's unit tests: enough of the browser's for the
// client's modules to run in Node, and no more (no npm packages, no jsdom).
//
// `installDom(url)` puts a fresh window and document into the globals the
// client reads (`window`, `document`, `Node`, `Element`, `NodeFilter`,
// `CloseEvent`, `FormData`); every test that touches the DOM starts with one.
// `parseHtml`, `outerHTML` and `innerHTML` read and write markup, so tests
// build pages and check results as HTML.  What it models follows the
// browser's rules where the client depends on them: events bubble, a form
// field's value and checked state are properties apart from their attributes,
// a single select has one selected option.

import { webcrypto } from 'node:crypto';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const DOCUMENT_NODE = 9;
const HTML_NS = 'http://www.w3.org/1999/xhtml';
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
  'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea']);

// events ####################################################################

export class FakeEvent {
  constructor(type, init = {}) {
    this.bubbles = true;
    this.button = 0;
    this.clientX = 0;
    this.clientY = 0;
    this.altKey = false;
    this.shiftKey = false;
    this.metaKey = false;
    this.ctrlKey = false;
    Object.assign(this, init);
    this.type = type;
    this.target = null;
    this.currentTarget = null;
    this.defaultPrevented = false;
  }

  preventDefault() {
    this.defaultPrevented = true;
  }
}

class FakeCloseEvent extends FakeEvent {}

class Target {
  constructor() {
    this.listeners = [];
  }

  addEventListener(type, listener, capture = false) {
    this.listeners.push({ type, listener, capture: Boolean(capture) });
  }

  removeEventListener(type, listener, capture = false) {
    this.listeners = this.listeners.filter((entry) => !(entry.type === type
      && entry.listener === listener && entry.capture === Boolean(capture)));
  }

  callListeners(event, capture) {
    event.currentTarget = this;
    for (const entry of [...this.listeners]) {
      if (entry.type === event.type && entry.capture === capture) {
        entry.listener.call(this, event);
      }
    }
  }

  // Capture from the top, then the target, then bubbling up (as browsers do).
  dispatchEvent(event) {
    event.target = this;
    const path = [];
    for (let node = this; node; node = node.parentNode) {
      path.push(node);
    }
    for (const node of [...path].reverse().slice(0, -1)) {
      node.callListeners(event, true);
    }
    this.callListeners(event, true);
    this.callListeners(event, false);
    if (event.bubbles) {
      for (const node of path.slice(1)) {
        node.callListeners(event, false);
      }
    }
    return !event.defaultPrevented;
  }
}

// nodes #####################################################################

export class FakeNode extends Target {
  constructor(nodeType, ownerDocument) {
    super();
    this.nodeType = nodeType;
    this.ownerDocument = ownerDocument;
    this.parentNode = null;
    this.childNodes = [];
  }

  get firstChild() {
    return this.childNodes[0] ?? null;
  }

  get lastChild() {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }

  sibling(offset) {
    if (this.parentNode === null) {
      return null;
    }
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + offset] ?? null;
  }

  get nextSibling() {
    return this.sibling(1);
  }

  get previousSibling() {
    return this.sibling(-1);
  }

  get isConnected() {
    let node = this;
    while (node.parentNode !== null) {
      node = node.parentNode;
    }
    return node.nodeType === DOCUMENT_NODE;
  }

  contains(node) {
    for (let current = node; current; current = current.parentNode) {
      if (current === this) {
        return true;
      }
    }
    return false;
  }

  appendChild(child) {
    return this.insertBefore(child, null);
  }

  insertBefore(child, reference) {
    if (child.contains(this)) {
      throw new Error('HierarchyRequestError: a node can not contain itself');
    }
    if (reference !== null && reference.parentNode !== this) {
      throw new Error('NotFoundError: the reference is no child of this node');
    }
    child.remove();
    const index = reference === null ? this.childNodes.length : this.childNodes.indexOf(reference);
    this.childNodes.splice(index, 0, child);
    child.parentNode = this;
    return child;
  }

  removeChild(child) {
    if (child.parentNode !== this) {
      throw new Error('NotFoundError: not a child of this node');
    }
    child.remove();
    return child;
  }

  remove() {
    if (this.parentNode !== null) {
      const siblings = this.parentNode.childNodes;
      siblings.splice(siblings.indexOf(this), 1);
      this.parentNode = null;
    }
  }

  append(...nodes) {
    for (const node of nodes) {
      this.appendChild(typeof node === 'string' ? this.doc.createTextNode(node) : node);
    }
  }

  replaceChildren(...nodes) {
    for (const child of [...this.childNodes]) {
      child.remove();
    }
    this.append(...nodes);
  }

  get doc() {
    return this.nodeType === DOCUMENT_NODE ? this : this.ownerDocument;
  }

  get textContent() {
    return this.childNodes.map((child) => (child.nodeType === COMMENT_NODE ? '' : child.textContent))
      .join('');
  }

  set textContent(text) {
    this.replaceChildren(...(text === '' ? [] : [this.doc.createTextNode(String(text))]));
  }

  // every node below this one, in document order
  * descendants() {
    for (const child of this.childNodes) {
      yield child;
      yield* child.descendants();
    }
  }

  get children() {
    return this.childNodes.filter((child) => child.nodeType === ELEMENT_NODE);
  }

  get firstElementChild() {
    return this.children[0] ?? null;
  }

  querySelectorAll(selectors) {
    const parsed = parseSelectors(selectors);
    return [...this.descendants()].filter((node) => node.nodeType === ELEMENT_NODE
      && parsed.some((selector) => matches(node, selector, this)));
  }

  querySelector(selectors) {
    return this.querySelectorAll(selectors)[0] ?? null;
  }
}

FakeNode.ELEMENT_NODE = ELEMENT_NODE;
FakeNode.TEXT_NODE = TEXT_NODE;
FakeNode.COMMENT_NODE = COMMENT_NODE;
FakeNode.DOCUMENT_NODE = DOCUMENT_NODE;

class CharacterData extends FakeNode {
  constructor(nodeType, ownerDocument, data) {
    super(nodeType, ownerDocument);
    this.data = String(data);
  }

  get nodeValue() {
    return this.data;
  }

  get textContent() {
    return this.data;
  }

  set textContent(text) {
    this.data = String(text);
  }

  * descendants() {} // no children
}

export class FakeText extends CharacterData {
  constructor(ownerDocument, data) {
    super(TEXT_NODE, ownerDocument, data);
  }
}

export class FakeComment extends CharacterData {
  constructor(ownerDocument, data) {
    super(COMMENT_NODE, ownerDocument, data);
  }
}

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

// the document and the window ###############################################

class TreeWalker {
  constructor(root) {
    this.root = root;
    this.currentNode = root;
  }

  nextNode() {
    let node = this.currentNode;
    if (node.firstChild !== null) {
      this.currentNode = node.firstChild;
      return this.currentNode;
    }
    while (node !== this.root) {
      if (node.nextSibling !== null) {
        this.currentNode = node.nextSibling;
        return this.currentNode;
      }
      node = node.parentNode;
    }
    return null;
  }
}

export class FakeDocument extends FakeNode {
  constructor(url) {
    super(DOCUMENT_NODE, null);
    this.URL = url;
    this.title = '';
    this.documentElement = this.createElement('html');
    this.head = this.createElement('head');
    this.body = this.createElement('body');
    this.documentElement.append(this.head, this.body);
    this.appendChild(this.documentElement);
  }

  createElement(tagName) {
    return new FakeElement(this, tagName);
  }

  createElementNS(namespace, tagName) {
    return new FakeElement(this, tagName, namespace);
  }

  createTextNode(data) {
    return new FakeText(this, data);
  }

  createComment(data) {
    return new FakeComment(this, data);
  }

  createTreeWalker(root) {
    return new TreeWalker(root);
  }

  getElementById(id) {
    return this.querySelectorAll('*').find((element) => element.id === id) ?? null;
  }
}

class FakeLocation {
  constructor(url) {
    this.href = url;
    this.reloads = 0;
  }

  get url() { return new URL(this.href); }

  get protocol() { return this.url.protocol; }

  get host() { return this.url.host; }

  get origin() { return this.url.origin; }

  get pathname() { return this.url.pathname; }

  get search() { return this.url.search; }

  reload() {
    this.reloads += 1;
  }
}

class FakeStorage {
  constructor() {
    this.items = new Map();
  }

  getItem(key) {
    return this.items.get(key) ?? null;
  }

  setItem(key, value) {
    this.items.set(key, String(value));
  }
}

export class FakeWindow extends Target {
  constructor(url) {
    super();
    this.parentNode = null;
    this.location = new FakeLocation(url);
    this.pushed = []; // history.pushState calls: [state, url]
    this.scrolled = [];
    this.history = {
      pushState: (state, _title, pushedUrl) => {
        this.pushed.push([state, pushedUrl]);
        this.location.href = new URL(pushedUrl, this.location.href).href;
      },
    };
    this.sessionStorage = new FakeStorage();
    this.crypto = webcrypto;
  }

  scrollTo(x, y) {
    this.scrolled.push([x, y]);
  }
}

// What `new FormData(form, submitter)` yields: the form's named fields.
class FakeFormData {
  constructor(form, submitter) {
    this.entries = [];
    for (const field of form.querySelectorAll('input, select, textarea')) {
      if (!field.name || field.disabled) {
        continue;
      }
      if (field.tagName === 'SELECT') {
        for (const option of field.options.filter((o) => o.selected)) {
          this.entries.push([field.name, option.value]);
        }
      } else if (field.type === 'file') {
        this.entries.push([field.name, { name: 'upload.bin' }]); // a File: no string
      } else if ((field.type !== 'checkbox' && field.type !== 'radio') || field.checked) {
        this.entries.push([field.name, field.value]);
      }
    }
    if (submitter && submitter.name) {
      this.entries.push([submitter.name, submitter.value]);
    }
  }

  [Symbol.iterator]() {
    return this.entries[Symbol.iterator]();
  }
}

// A fresh window and document in the globals; `document.URL` and the
// window's location are `url`.
export function installDom(url = 'http://app.test/') {
  const window = new FakeWindow(url);
  const document = new FakeDocument(url);
  window.document = document;
  document.parentNode = null;
  Object.assign(globalThis, {
    window,
    document,
    Node: FakeNode,
    Element: FakeElement,
    NodeFilter: { SHOW_ALL: 0xFFFFFFFF },
    CloseEvent: FakeCloseEvent,
    FormData: FakeFormData,
  });
  return { window, document };
}

// Elements of `html` put into the body; the first one.
export function mount(html) {
  document.body.innerHTML = html;
  return document.body.firstElementChild;
}

// markup ####################################################################

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const hex = name[1] === 'x' || name[1] === 'X';
      return String.fromCodePoint(parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const TOKEN = /<!--([\s\S]*?)-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;

// The nodes `html` stands for (the parts of HTML's parser the tests need:
// elements, attributes, text, comments, void and raw text elements).
export function parseHtml(doc, html, context = 'body') {
  const top = doc.createElement(context);
  const open = [top];
  let position = 0;
  const text = (end) => {
    if (end > position) {
      open[open.length - 1].appendChild(doc.createTextNode(decode(html.slice(position, end))));
    }
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match !== null; match = TOKEN.exec(html)) {
    text(match.index);
    position = TOKEN.lastIndex;
    const [, comment, closing, tag, attributes] = match;
    const parent = open[open.length - 1];
    if (comment !== undefined) {
      parent.appendChild(doc.createComment(comment));
    } else if (closing !== undefined) {
      const index = open.map((e) => e.localName).lastIndexOf(closing.toLowerCase());
      if (index > 0) {
        open.length = index;
      }
    } else {
      const element = doc.createElement(tag);
      for (const [, name, ...values] of attributes.matchAll(ATTRIBUTE)) {
        element.setAttribute(name, decode(values.find((v) => v !== undefined) ?? ''));
      }
      parent.appendChild(element);
      const name = element.localName;
      if (RAW_TEXT.has(name)) {
        const end = html.toLowerCase().indexOf(`</${name}`, position);
        const content = html.slice(position, end < 0 ? html.length : end);
        if (content) {
          element.appendChild(doc.createTextNode(name === 'textarea' ? decode(content) : content));
        }
        TOKEN.lastIndex = end < 0 ? html.length : end;
        position = TOKEN.lastIndex;
      } else if (!VOID.has(name)) {
        open.push(element);
      }
    }
  }
  text(html.length);
  return [...top.childNodes];
}

const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function serialize(node) {
  if (node.nodeType === TEXT_NODE) {
    return RAW_TEXT.has(node.parentNode?.localName) ? node.data : escapeText(node.data);
  }
  if (node.nodeType === COMMENT_NODE) {
    return `<!--${node.data}-->`;
  }
  const attributes = [...node.attributes].map(([name, value]) => ` ${name}="${escapeText(value).replace(/"/g, '&quot;')}"`);
  const start = `<${node.localName}${attributes.join('')}>`;
  return VOID.has(node.localName) ? start : `${start}${node.innerHTML}</${node.localName}>`;
}

// selectors #################################################################

// A selector list of compounds joined by ' ' or '>' (optionally starting at
// `:scope`): tags, `*`, `#id`, `.class`, `[name]`, `[name="value"]`.
function parseSelectors(selectors) {
  return selectors.split(',').map((selector) => {
    const parts = selector.trim().replace(/\s*>\s*/g, ' > ').split(/\s+/);
    const compounds = [];
    let combinator = ' ';
    for (const part of parts) {
      if (part === '>') {
        combinator = '>';
      } else {
        compounds.push({ combinator, tests: parseCompound(part) });
        combinator = ' ';
      }
    }
    return compounds;
  });
}

function parseCompound(compound) {
  const tests = [];
  const pattern = /^([a-zA-Z][\w-]*|\*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\]]*)))?\]|(:scope)/g;
  for (const [, tag, id, cls, attribute, v1, v2, v3, scope] of compound.matchAll(pattern)) {
    if (tag && tag !== '*') {
      tests.push((e) => e.localName === tag.toLowerCase());
    } else if (id) {
      tests.push((e) => e.id === id);
    } else if (cls) {
      tests.push((e) => e.classList.contains(cls));
    } else if (attribute) {
      const value = v1 ?? v2 ?? v3;
      tests.push((e) => e.hasAttribute(attribute)
        && (value === undefined || e.getAttribute(attribute) === value));
    } else if (scope) {
      tests.push((e, scopeNode) => e === scopeNode);
    }
  }
  return tests;
}

function matches(element, compounds, scope, index = compounds.length - 1) {
  const { combinator, tests } = compounds[index];
  if (!tests.every((test) => test(element, scope))) {
    return false;
  }
  if (index === 0) {
    return true;
  }
  const candidates = [];
  for (let node = element.parentNode; node && node.nodeType === ELEMENT_NODE; node = node.parentNode) {
    candidates.push(node);
    if (combinator === '>') {
      break;
    }
  }
  return candidates.some((candidate) => matches(candidate, compounds, scope, index - 1));
}

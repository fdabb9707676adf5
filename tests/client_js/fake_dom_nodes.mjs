// Events and the nodes every other one builds on (part of the fake DOM, see
// fake_dom.mjs): event dispatch with capture and bubbling, the tree of
// FakeNode, and the text and comment nodes.

import {
  COMMENT_NODE, DOCUMENT_NODE, ELEMENT_NODE, TEXT_NODE, matches, parseSelectors,
} from './fake_dom_markup.mjs';

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

export class FakeCloseEvent extends FakeEvent {}

export class Target {
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

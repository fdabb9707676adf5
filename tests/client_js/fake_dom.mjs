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
//
// The parts live in modules of their own, each importing only those below it
// (no import cycles): fake_dom_markup.mjs (markup, selectors), then
// fake_dom_nodes.mjs (events, nodes), then fake_dom_element.mjs (elements),
// then this one (document, window, installDom); tests import this one only.

import { webcrypto } from 'node:crypto';

import { FakeElement } from './fake_dom_element.mjs';
import { DOCUMENT_NODE } from './fake_dom_markup.mjs';
import {
  FakeCloseEvent, FakeComment, FakeNode, FakeText, Target,
} from './fake_dom_nodes.mjs';

export { FakeElement } from './fake_dom_element.mjs';
export { parseHtml, serialize } from './fake_dom_markup.mjs';
export {
  FakeComment, FakeEvent, FakeNode, FakeText,
} from './fake_dom_nodes.mjs';

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

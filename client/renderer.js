// Renders node specs into the DOM and applies patches to it.
//
// Every node the server sent is in `nodes`, keyed by its id.  REMOVE and
// CLEAR only detach; a detached node that is not inserted again before the
// patch list ends is forgotten together with its subtree.  Text always goes
// in through text nodes and attributes through setAttribute, never through
// innerHTML, so server data can not become markup.
//
// Lona's legacy widgets have no element: a tree whose root is one is a
// *fragment* (tag ''), whose id names the window's own element, and comments
// bracket the children of one with a frontend class (docs/protocol.md).

import { Op } from './protocol.js';

const ID = Symbol('lonaNodeId');

// Attributes whose live state is a DOM property: setting only the attribute
// would not change an input the user already touched.
const PROPERTIES = new Set(['value', 'checked', 'selected']);

export class RenderError extends Error {}

// A legacy widget at the root: its children go into the window's element.
function isFragment(spec) {
  return spec[1] === '';
}

export class Renderer {
  constructor(root, widgets) {
    this.root = root;
    this.widgets = widgets;
    this.nodes = new Map();
  }

  clear() {
    this.widgets.destroyAll();
    this.nodes.clear();
    delete this.root[ID]; // it was the fragment of the previous tree
    this.root.replaceChildren();
  }

  renderTree(spec) {
    this.clear();
    if (isFragment(spec)) {
      const [id, , , children, , widget, widgetData] = spec;
      this.register(this.root, id);
      for (const child of children) {
        this.root.appendChild(this.build(child));
      }
      if (widget) {
        this.widgets.declare(this.root, widget, widgetData);
      }
    } else {
      this.root.appendChild(this.build(spec));
    }
    this.widgets.setupNew();
  }

  renderHtml(html) {
    this.clear();
    // A string response is HTML the view chose to send (Lona's string responses).
    this.root.innerHTML = html;
  }

  node(id) {
    const node = this.nodes.get(id);
    if (node === undefined) {
      throw new RenderError(`unknown node id ${id}`);
    }
    return node;
  }

  idOf(domNode) {
    return domNode[ID];
  }

  // A DOM node that already shows the node `id` (adopted server HTML).
  register(domNode, id) {
    domNode[ID] = id;
    this.nodes.set(id, domNode);
  }

  // Drop every id and widget, leaving the DOM as it is (a failed adoption).
  forgetAll() {
    for (const domNode of this.nodes.values()) {
      delete domNode[ID];
    }
    this.widgets.destroyAll();
    this.nodes.clear();
  }

  build(spec) {
    if (typeof spec === 'number') {
      const existing = this.node(spec);
      existing.remove();
      return existing;
    }
    if (spec.length === 2) {
      const text = document.createTextNode(spec[1]);
      text[ID] = spec[0];
      this.nodes.set(spec[0], text);
      return text;
    }
    if (spec[1] === null) {
      // a legacy widget's marker; the first one of a frontend widget carries it
      const [id, text, widget, widgetData] = [spec[0], spec[2], spec[3], spec[4]];
      const comment = document.createComment(text);
      comment[ID] = id;
      this.nodes.set(id, comment);
      if (widget) {
        this.widgets.declare(comment, widget, widgetData);
      }
      return comment;
    }
    if (isFragment(spec)) {
      throw new RenderError(`a fragment (node ${spec[0]}) can only be the root`);
    }
    const [id, tag, attributes, children, namespace, widget, widgetData] = spec;
    const element = namespace
      ? document.createElementNS(namespace, tag)
      : document.createElement(tag);
    element[ID] = id;
    this.nodes.set(id, element);
    for (const name in attributes) {
      this.setAttribute(element, name, attributes[name]);
    }
    for (const child of children) {
      element.appendChild(this.build(child));
    }
    if (tag === 'textarea' && 'value' in attributes) {
      element.value = attributes.value;
    }
    if (widget) {
      this.widgets.declare(element, widget, widgetData);
    }
    return element;
  }

  setAttribute(element, name, value) {
    element.setAttribute(name, value);
    if (PROPERTIES.has(name)) {
      element[name] = name === 'value' ? value : value !== 'false';
    }
  }

  removeAttribute(element, name) {
    element.removeAttribute(name);
    if (name === 'value') {
      element.value = '';
    } else if (PROPERTIES.has(name)) {
      element[name] = false;
    }
  }

  apply(ops) {
    const detached = [];
    for (const op of ops) {
      switch (op[0]) {
        case Op.INSERT: {
          const parent = this.node(op[1]);
          const child = this.build(op[3]);
          const reference = parent.childNodes[op[2]] || null;
          parent.insertBefore(child, reference);
          break;
        }
        case Op.REMOVE: {
          const node = this.node(op[1]);
          node.remove();
          detached.push(node);
          break;
        }
        case Op.CLEAR: {
          const parent = this.node(op[1]);
          detached.push(...parent.childNodes);
          parent.replaceChildren();
          break;
        }
        case Op.SET_ATTR:
          this.setAttribute(this.node(op[1]), op[2], op[3]);
          break;
        case Op.REMOVE_ATTR:
          this.removeAttribute(this.node(op[1]), op[2]);
          break;
        case Op.SET_TEXT:
          this.node(op[1]).data = op[2];
          break;
        case Op.WIDGET_DATA:
          this.widgets.replaceData(this.node(op[1]), op[2]);
          break;
        case Op.DATA_SET:
        case Op.DATA_REMOVE:
        case Op.DATA_INSERT:
          this.widgets.changeData(this.node(op[1]), op[0], op[2], op[3]);
          break;
        default:
          throw new RenderError(`unknown patch operation ${op[0]}`);
      }
    }
    for (const node of detached) {
      if (!node.isConnected) {
        this.forget(node);
      }
    }
    this.widgets.setupNew();
    this.widgets.runUpdateHooks();
  }

  forget(node) {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ALL);
    for (let current = node; current; current = walker.nextNode()) {
      if (current[ID] !== undefined && this.nodes.get(current[ID]) === current) {
        this.nodes.delete(current[ID]);
      }
      this.widgets.destroy(current);
    }
  }
}

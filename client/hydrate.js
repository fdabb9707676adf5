// Adopting the server-rendered HTML of the page's first view.
//
// The page load already shows the view (lona/html/hydration.py renders it):
// elements carry `data-lona-node-id`, every text node follows a comment with
// its id, widgets carry their name and data, and elements whose content is no
// node tree (raw HTML, a textarea's value) carry `data-lona-raw`.  Adopting
// fills the renderer's id map from that DOM and removes the markers, so the
// DOM ends up as rendering the tree would have built it.
//
// A tree whose root is a legacy widget (a fragment) starts with
// `<!--lona-fragment:ID-->`: its nodes are the window element's children, and
// the window element takes the fragment's id.
//
// The HTML parser may not build the markup as written (a table gets a
// <tbody>, a <p> closes before a <div>).  A signature over (node id, number of
// children) of every node in document order, computed by the server over its
// tree and here over the DOM, tells; when they differ the view sends its tree.

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
const FOREIGN = 4294967295; // a DOM node the server did not render

function step(signature, value) {
  return Math.imul(signature ^ (value % 4294967296), FNV_PRIME) >>> 0;
}

function takeAttribute(element, name) {
  const value = element.getAttribute(name);
  if (value !== null) {
    element.removeAttribute(name);
  }
  return value;
}

class Adoption {
  constructor(renderer) {
    this.renderer = renderer;
    this.signature = FNV_OFFSET;
  }

  element(element) {
    const id = Number(takeAttribute(element, 'data-lona-node-id'));
    const raw = takeAttribute(element, 'data-lona-raw') !== null;
    const widget = takeAttribute(element, 'data-lona-widget');
    const widgetData = takeAttribute(element, 'data-lona-widget-data');
    this.renderer.register(element, id);
    if (widget !== null) {
      this.renderer.widgets.declare(element, widget, JSON.parse(widgetData || '{}'));
    }
    if (raw) {
      this.signature = step(step(this.signature, id), 0);
      return;
    }
    this.children(element, id);
  }

  // The window's element shows the fragment `id`: its children are the tree's.
  fragment(root, id) {
    this.renderer.register(root, id);
    this.children(root, id);
  }

  children(element, id) {
    const textIds = this.unmark(element);
    this.signature = step(step(this.signature, id), element.childNodes.length);
    for (const child of element.childNodes) {
      const textId = textIds.get(child);
      if (textId !== undefined) {
        this.signature = step(step(this.signature, textId), 0);
        this.renderer.register(child, textId);
      } else if (child.nodeType === Node.ELEMENT_NODE && child.hasAttribute('data-lona-node-id')) {
        this.element(child);
      } else {
        this.signature = step(this.signature, FOREIGN);
      }
    }
  }

  // Turns every `<!--id-->text` into the text node with that id (an empty one
  // where the parser dropped an empty text): text node -> id.
  unmark(element) {
    const textIds = new Map();
    let child = element.firstChild;
    while (child !== null) {
      let next = child.nextSibling;
      if (child.nodeType === Node.COMMENT_NODE && /^\d+$/.test(child.data)) {
        let text = next;
        if (text === null || text.nodeType !== Node.TEXT_NODE) {
          text = document.createTextNode('');
          element.insertBefore(text, next);
        } else {
          next = text.nextSibling;
        }
        textIds.set(text, Number(child.data));
        child.remove();
      }
      child = next;
    }
    return textIds;
  }
}

// Adopt the view's DOM inside `root`; false (and nothing adopted) when it
// does not match the server's tree.
export function adopt(renderer, root, signature) {
  for (const script of root.querySelectorAll(':scope > script[data-lona-early]')) {
    script.remove(); // it did its work (early.js); the tree has no such node
  }
  const adoption = new Adoption(renderer);
  const fragment = root.firstChild !== null && root.firstChild.nodeType === Node.COMMENT_NODE
    ? /^lona-fragment:(\d+)$/.exec(root.firstChild.data)
    : null;
  if (fragment !== null) {
    root.firstChild.remove();
    adoption.fragment(root, Number(fragment[1]));
  } else {
    const top = root.firstElementChild;
    if (top === null || root.childNodes.length !== 1 || !top.hasAttribute('data-lona-node-id')) {
      return false;
    }
    adoption.element(top);
  }
  if (adoption.signature !== signature) {
    renderer.forgetAll();
    return false;
  }
  renderer.widgets.setupNew();
  return true;
}

// Frontend widgets: JavaScript classes attached to nodes that set `WIDGET`.
//
// `Lona.register_widget_class(name, Class)` registers a class.  Both of Lona's
// widget APIs work, on one object, as in both of Lona's clients:
//
// * `new Class(lonaWindow, rootNode, widgetData)` once the node is in the
//   document, where `widgetData.data` is a copy of the node's data;
//   `onDataUpdated(widgetData)` after the server changed the data (once per
//   message); `destroy()` when the node leaves the page;
// * the older one: after the constructor the object has `root_node`, `nodes`
//   (the widget's top nodes) and `data`, and `setup()` runs; `data_updated()`
//   after changes (with `this.data` fresh); `deconstruct()` at the end.
//
// A legacy widget (`lona.html.Widget`) gets its top nodes as `this.nodes`
// (`this.root_node` is the first of them).
//
// `lonaWindow` is Lona's window shim: `fire_input_event(node, type, data,
// target)` sends an input event (a name for a custom event, or one of
// `Lona.protocol.INPUT_EVENT_TYPE`; `node` defaults to the widget's node),
// `set_html(html)`, `root_node` (the window's root) and `lona_context`.

import { Op } from './protocol.js';

// Lona's `Lona.widget_classes`: a plain object, name -> class
export const widgetClasses = Object.create(null);
// Windows with widgets waiting for their class: a late registration (a widget
// script that loads after the first tree arrived) sets them up.
const waitingForClasses = new Set();

export function registerWidgetClass(name, widgetClass) {
  widgetClasses[name] = widgetClass;
  for (const widgets of [...waitingForClasses]) {
    widgets.setupNew();
  }
}

// A legacy widget (`lona.html.Widget`) has no element of its own: its anchor is
// the comment before its nodes (up to the matching closing comment), or the
// window's element whose children it fills (docs/protocol.md, "Legacy widgets").
function legacyNodes(anchor, lonaWindow) {
  if (anchor === lonaWindow.root) {
    return [...anchor.childNodes];
  }
  const nodes = [];
  let depth = 0;
  for (let node = anchor.nextSibling; node !== null; node = node.nextSibling) {
    if (node.nodeType === Node.COMMENT_NODE) {
      if (node.data.startsWith('end-lona-widget')) {
        if (depth === 0) {
          break;
        }
        depth -= 1;
      } else if (node.data.startsWith('lona-widget:')) {
        depth += 1;
      }
    }
    nodes.push(node);
  }
  return nodes;
}

function nodesOf(anchor, lonaWindow) {
  const legacy = anchor.nodeType === Node.COMMENT_NODE || anchor === lonaWindow.root;
  return legacy ? legacyNodes(anchor, lonaWindow) : [anchor];
}

function copy(data) {
  return data === undefined ? undefined : JSON.parse(JSON.stringify(data));
}

function call(object, method, ...args) {
  if (typeof object[method] === 'function') {
    object[method](...args);
  }
}

// What widgets and timeout hooks get as `lona_window` (Lona's window shim).
export class WindowShim {
  constructor(lonaWindow, widgetNode = null) {
    this.lona_context = lonaWindow.context;
    this.root_node = lonaWindow.root;
    this._lona_window = lonaWindow;
    this._widget_node = widgetNode;
  }

  fire_input_event(node, event_type, data, target_node) {
    return this._lona_window.fire_input_event(node || this._widget_node, event_type, data,
      target_node);
  }

  set_html(html) {
    this._lona_window.set_html(html);
  }
}

// Lona's built-in widget behind `lona.html.RawHTML`: content set as HTML.
class RawHtmlWidget {
  constructor(lonaWindow, rootNode, widgetData) {
    this.rootNode = rootNode;
    this.onDataUpdated(widgetData);
  }

  onDataUpdated(widgetData) {
    this.rootNode.innerHTML = widgetData.data.inner_html || '';
  }
}

widgetClasses['lona.RawHtmlWidget'] = RawHtmlWidget;

// One running widget: its object, whichever of the two APIs it speaks.
class WidgetInstance {
  constructor(lonaWindow, anchor, nodes, widgetClass, data) {
    const rootNode = nodes[0];
    this.widgetData = { data: copy(data) };
    this.object = new widgetClass(new WindowShim(lonaWindow, anchor), rootNode, this.widgetData);
    this.object.data = this.widgetData.data;
    this.object.root_node = rootNode;
    this.object.nodes = nodes;
    call(this.object, 'setup');
  }

  dataUpdated(data) {
    this.widgetData.data = copy(data);
    call(this.object, 'onDataUpdated', this.widgetData);
    this.object.data = this.widgetData.data;
    call(this.object, 'data_updated');
  }

  destroy() {
    call(this.object, 'destroy');
    call(this.object, 'deconstruct');
  }
}

function applyDataOp(data, code, path, value) {
  let container = data;
  for (const key of path.slice(0, -1)) {
    container = container[key];
  }
  const key = path[path.length - 1];
  if (code === Op.DATA_SET) {
    container[key] = value;
  } else if (code === Op.DATA_REMOVE) {
    if (Array.isArray(container)) {
      container.splice(key, 1);
    } else {
      delete container[key];
    }
  } else {
    container.splice(key, 0, value);
  }
}

export class Widgets {
  constructor(lonaWindow) {
    this.lonaWindow = lonaWindow;
    // key (the widget's element, or a legacy widget's anchor) -> {name, data}
    this.declared = new Map();
    this.instances = new Map(); // key -> WidgetInstance
    this.updated = new Set(); // keys whose data changed in this message
    this.warned = new Set(); // names of missing widget classes already reported
  }

  declare(key, name, data) {
    this.declared.set(key, { name, data });
  }

  setupNew() {
    let waiting = false;
    for (const [key, entry] of this.declared) {
      if (!key.isConnected || this.instances.has(key)) {
        continue;
      }
      const widgetClass = widgetClasses[entry.name];
      if (widgetClass === undefined) {
        waiting = true;
        if (!this.warned.has(entry.name)) {
          this.warned.add(entry.name);
          console.warn(`lona: no widget class registered as ${entry.name} (yet)`);
        }
        continue;
      }
      const nodes = nodesOf(key, this.lonaWindow);
      this.instances.set(key, new WidgetInstance(this.lonaWindow, key, nodes, widgetClass,
        entry.data));
      this.updated.delete(key); // it was built with the newest data
    }
    if (waiting) {
      waitingForClasses.add(this);
    } else {
      waitingForClasses.delete(this);
    }
  }

  replaceData(key, data) {
    const entry = this.declared.get(key);
    if (entry !== undefined) {
      entry.data = data;
      this.updated.add(key);
    }
  }

  changeData(key, code, path, value) {
    const entry = this.declared.get(key);
    if (entry !== undefined) {
      applyDataOp(entry.data, code, path, value);
      this.updated.add(key);
    }
  }

  // After a whole message: one data update per changed widget.
  runUpdateHooks() {
    const updated = [...this.updated];
    this.updated.clear();
    for (const key of updated) {
      const widget = this.instances.get(key);
      if (widget !== undefined) {
        widget.dataUpdated(this.declared.get(key).data);
      }
    }
  }

  destroy(key) {
    const widget = this.instances.get(key);
    this.instances.delete(key);
    this.declared.delete(key);
    this.updated.delete(key);
    if (widget !== undefined) {
      widget.destroy();
    }
  }

  destroyAll() {
    for (const key of [...this.declared.keys()]) {
      this.destroy(key);
    }
    waitingForClasses.delete(this);
  }
}

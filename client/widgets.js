// Frontend widgets: JavaScript classes attached to nodes that set `WIDGET`.
//
// `Lona.register_widget_class(name, Class)` registers a class; it is
// constructed as `new Class(lonaWindow, rootNode, widgetData)` once its node
// is in the document, where `widgetData.data` is a copy of the node's data.
// After the server changed the data, `onDataUpdated(widgetData)` runs once per
// message; `destroy()` runs when the node leaves the page.
// `lonaWindow.fire_input_event(node, name, data)` sends a custom input event
// (`node` defaults to the widget's root node).

import { Op } from './protocol.js';

const widgetClasses = new Map();
// Windows with widgets waiting for their class: a late registration (a widget
// script that loads after the first tree arrived) sets them up.
const waitingForClasses = new Set();

export function registerWidgetClass(name, widgetClass) {
  widgetClasses.set(name, widgetClass);
  for (const widgets of [...waitingForClasses]) {
    widgets.setupNew();
  }
}

export { widgetClasses };

function copy(data) {
  return data === undefined ? undefined : JSON.parse(JSON.stringify(data));
}

// What a widget gets as `lonaWindow` (Lona's window shim).
class WidgetWindow {
  constructor(lonaWindow, rootNode) {
    this.lona_window = lonaWindow;
    this.lona_context = lonaWindow.context;
    this.root_node = rootNode;
  }

  fire_input_event(node, type, data = null, target = undefined) {
    const element = node || this.root_node;
    this.lona_window.fireCustomEvent(element, type, data, target || element);
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

widgetClasses.set('lona.RawHtmlWidget', RawHtmlWidget);

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
    this.declared = new Map(); // element -> {name, data}
    this.instances = new Map(); // element -> {instance, widgetData}
    this.updated = new Set(); // elements whose data changed in this message
    this.warned = new Set(); // names of missing widget classes already reported
  }

  declare(element, name, data) {
    this.declared.set(element, { name, data });
  }

  setupNew() {
    let waiting = false;
    for (const [element, entry] of this.declared) {
      if (!element.isConnected || this.instances.has(element)) {
        continue;
      }
      const widgetClass = widgetClasses.get(entry.name);
      if (widgetClass === undefined) {
        waiting = true;
        if (!this.warned.has(entry.name)) {
          this.warned.add(entry.name);
          console.warn(`lona: no widget class registered as ${entry.name} (yet)`);
        }
        continue;
      }
      const widgetData = { data: copy(entry.data) };
      const shim = new WidgetWindow(this.lonaWindow, element);
      this.instances.set(element, { instance: new widgetClass(shim, element, widgetData), widgetData });
      this.updated.delete(element); // it was built with the newest data
    }
    if (waiting) {
      waitingForClasses.add(this);
    } else {
      waitingForClasses.delete(this);
    }
  }

  replaceData(element, data) {
    const entry = this.declared.get(element);
    if (entry !== undefined) {
      entry.data = data;
      this.updated.add(element);
    }
  }

  changeData(element, code, path, value) {
    const entry = this.declared.get(element);
    if (entry !== undefined) {
      applyDataOp(entry.data, code, path, value);
      this.updated.add(element);
    }
  }

  // After a whole message: one onDataUpdated per changed widget.
  runUpdateHooks() {
    const updated = [...this.updated];
    this.updated.clear();
    for (const element of updated) {
      const widget = this.instances.get(element);
      if (widget === undefined) {
        continue;
      }
      widget.widgetData.data = copy(this.declared.get(element).data);
      if (typeof widget.instance.onDataUpdated === 'function') {
        widget.instance.onDataUpdated(widget.widgetData);
      }
    }
  }

  destroy(element) {
    const widget = this.instances.get(element);
    this.instances.delete(element);
    this.declared.delete(element);
    this.updated.delete(element);
    if (widget && typeof widget.instance.destroy === 'function') {
      widget.instance.destroy();
    }
  }

  destroyAll() {
    for (const element of [...this.declared.keys()]) {
      this.destroy(element);
    }
    waitingForClasses.delete(this);
  }
}

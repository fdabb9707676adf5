// Frontend widgets: JavaScript classes attached to nodes that set `WIDGET`.
//
// A registered class is constructed as `new Class(lonaWindow, rootNode,
// widgetData)` once its node is in the document; `onDataUpdated(data)` runs
// after the server changed the data, and `destroy()` when the node leaves.

export const widgetClasses = new Map();

export function registerWidgetClass(name, widgetClass) {
  widgetClasses.set(name, widgetClass);
}

export class Widgets {
  constructor(lonaWindow) {
    this.lonaWindow = lonaWindow;
    this.declared = new Map(); // element -> {name, data}
    this.instances = new Map(); // element -> widget instance
  }

  declare(element, name, data) {
    this.declared.set(element, { name, data });
  }

  setupNew(root) {
    for (const [element, { name, data }] of this.declared) {
      if (!element.isConnected || this.instances.has(element)) {
        continue;
      }
      const widgetClass = widgetClasses.get(name);
      if (widgetClass === undefined) {
        console.warn(`lona: no widget class registered as ${name}`);
        continue;
      }
      this.instances.set(element, new widgetClass(this.lonaWindow, element, data));
    }
  }

  update(element, data) {
    const entry = this.declared.get(element);
    if (entry === undefined) {
      return;
    }
    entry.data = data;
    const instance = this.instances.get(element);
    if (instance && typeof instance.onDataUpdated === 'function') {
      instance.onDataUpdated(data);
    }
  }

  destroy(element) {
    const instance = this.instances.get(element);
    if (instance && typeof instance.destroy === 'function') {
      instance.destroy();
    }
    this.instances.delete(element);
    this.declared.delete(element);
  }

  destroyAll() {
    for (const element of [...this.declared.keys()]) {
      this.destroy(element);
    }
  }
}

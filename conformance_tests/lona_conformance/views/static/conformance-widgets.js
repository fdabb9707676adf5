// Frontend widgets of the conformance app. They change nothing in the DOM and
// record what the framework tells them, so tests can check the widget API.

window.lonaWidgetLog = window.lonaWidgetLog || [];

class ConformanceWidget {
  constructor(lonaWindow, rootNode, widgetData) {
    this.lonaWindow = lonaWindow;
    this.rootNode = rootNode;
    rootNode.lonaTestWidget = this;
    this.record('constructor', widgetData);
  }

  onDataUpdated(widgetData) {
    this.record('onDataUpdated', widgetData);
  }

  destroy() {
    this.record('destroy', null);
  }

  record(hook, widgetData) {
    if (widgetData) {
      this.data = widgetData.data;
    }
    window.lonaWidgetLog.push([hook, this.rootNode.id || null]);
  }

  // a custom input event, as a widget would fire it
  fire(name, data) {
    this.lonaWindow.fire_input_event(undefined, name, data);
  }
}

Lona.register_widget_class('ConformanceWidget', ConformanceWidget);

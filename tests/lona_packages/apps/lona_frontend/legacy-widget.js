// A widget in Lona's older API: setup, data_updated and deconstruct, with
// this.root_node, this.nodes and this.data set by the client.
class LegacyWidget {
  constructor(lona_window) {
    this.lona_window = lona_window;
  }

  setup() {
    this.root_node.textContent = `setup:${this.data.label}:${this.nodes.length}`;
    this.root_node.onclick = () => {
      this.lona_window.fire_input_event(undefined, 'legacy-click', { label: this.data.label });
    };
  }

  data_updated() {
    this.root_node.textContent = `updated:${this.data.label}`;
  }

  deconstruct() {
    window.legacyWidgetDeconstructed = true;
  }
}

Lona.register_widget_class('LegacyWidget', LegacyWidget);

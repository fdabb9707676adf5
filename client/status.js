// What the user sees of the context's state: a status notice (connecting,
// connection lost, waiting for the server, view stopped), `data-lona-state`
// on <html>, and the busy cursor and progress indicator while input events
// are pending.  Methods of `LonaContext`, installed there with mixin.js.

import { ensureStyles } from './styles.js';

const STATUS_TEXT = {
  disconnected: 'Connection lost. Reconnecting…',
  waiting: 'Waiting for the server…',
  stopped: 'This view has stopped. Reload the page to start it again.',
};

export class ContextStatus {
  setStatus(state) {
    document.documentElement.dataset.lonaState = state;
    const visible = state in STATUS_TEXT;
    if (this.statusElement === null && visible) {
      ensureStyles();
      this.statusElement = document.createElement('div');
      this.statusElement.id = 'lona-status';
      this.statusElement.setAttribute('role', 'status');
      document.body.appendChild(this.statusElement);
    }
    if (this.statusElement !== null) {
      // the server renders these texts from overridable templates; they are
      // shown as text, never parsed as markup
      const text = (this.page.status_texts || {})[state] || STATUS_TEXT[state] || '';
      this.statusElement.textContent = text;
      this.statusElement.hidden = !visible;
    }
  }

  updateBusy() {
    // the busy flag is set by a timer and cleared when nothing is pending
    let pending = 0;
    for (const lonaWindow of this._windows.values()) {
      pending += lonaWindow.pending.size;
    }
    if (pending === 0) {
      this.setBusy(false);
    }
    this.progress.update(pending);
  }

  setBusy(busy) {
    document.documentElement.classList.toggle('lona-busy', busy);
  }
}

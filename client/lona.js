// The browser client's entry point: `start(settings)` returns the context.
//
// The context owns the connection and the windows (the default page has one,
// bound to #lona), shows the connection state to the user, and is the API
// page scripts use (`lona_context.send(...)`, `add_message_handler(...)`).

import { Connection } from './connection.js';
import { ClientMessage, ServerMessage } from './protocol.js';
import { registerWidgetClass, widgetClasses } from './widgets.js';
import { LonaWindow } from './window.js';

const STATUS_TEXT = {
  disconnected: 'Connection lost. Reconnecting…',
  waiting: 'Waiting for the server…',
  stopped: 'This view has stopped. Reload the page to start it again.',
};

export class LonaContext {
  constructor(settings) {
    this.settings = settings;
    this.prefix = settings.ws_path.replace(/\/_lona\/ws$/, '') || '/';
    this.windows = new Map();
    this.messageHandlers = [];
    this.serverId = null;
    this.connected = false;
    this.everConnected = false;
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.connection = new Connection(`${scheme}//${window.location.host}${settings.ws_path}`, {
      open: () => this.onOpen(),
      message: (text) => this.onMessage(text),
      close: (code, reason) => this.onClose(code, reason),
      ping: () => this.send([ClientMessage.PING]),
    }, settings);
  }

  setup(root = document.querySelector('#lona')) {
    this.statusElement = document.createElement('div');
    this.statusElement.id = 'lona-status';
    this.statusElement.setAttribute('role', 'status');
    document.body.appendChild(this.statusElement);
    this.windows.set(1, new LonaWindow(this, 1, root));
    if (this.settings.first_content) {
      this.windows.get(1).adoptFirstContent(this.settings.first_content);
    }
    window.addEventListener('popstate', () => {
      for (const lonaWindow of this.windows.values()) {
        lonaWindow.runView(window.location.href);
      }
    });
    this.setStatus('connecting');
    this.connection.connect();
    return this;
  }

  // connection ##############################################################

  onOpen() {
    const options = { page_token: this.settings.page_token };
    this.send([ClientMessage.HELLO, this.settings.protocol_version, options]);
  }

  // The server no longer knows this page's token (it restarted with a new
  // secret): a reload brings a fresh one.  Never more than once in 10 s.
  reloadForNewToken() {
    const last = Number(window.sessionStorage.getItem('lona-token-reload') || 0);
    if (Date.now() - last < 10000) {
      this.setStatus('stopped');
      return;
    }
    window.sessionStorage.setItem('lona-token-reload', String(Date.now()));
    window.location.reload();
  }

  onWelcome(info) {
    const restarted = this.serverId !== null && info.server_id !== this.serverId;
    this.serverId = info.server_id;
    this.connected = true;
    if (restarted && this.settings.live_reload) {
      window.location.reload();
      return;
    }
    const reconnect = this.everConnected;
    this.everConnected = true;
    this.setStatus('connected');
    // (re)start every window's view: a surviving daemon re-attaches by its
    // token, any other view starts afresh
    for (const lonaWindow of this.windows.values()) {
      lonaWindow.resume(reconnect);
    }
  }

  onClose() {
    this.connected = false;
    for (const lonaWindow of this.windows.values()) {
      lonaWindow.clearPending();
    }
    this.setStatus('disconnected');
  }

  onMessage(text) {
    if (text[0] !== '[') {
      this.handleCustomMessage(text);
      return;
    }
    const message = JSON.parse(text);
    const kind = message[0];
    if (kind === ServerMessage.WELCOME) {
      this.onWelcome(message[2] || {});
      return;
    }
    if (kind === ServerMessage.PONG) {
      return;
    }
    const lonaWindow = this.windows.get(message[1]);
    if (lonaWindow) {
      lonaWindow.handle(message);
    } else if (kind === ServerMessage.ERROR) {
      console.warn(`lona: server error (${message[3]}): ${message[4]}`);
    } else if (kind === ServerMessage.CUSTOM) {
      this.handleCustomMessage(message[3]);
    }
  }

  send(message) {
    return this.connection.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  // custom messages (Lona's API) ############################################

  add_message_handler(handler) {
    this.messageHandlers.push(handler);
  }

  handleCustomMessage(raw) {
    let message = raw;
    for (const handler of this.messageHandlers) {
      message = handler(this, message);
      if (message === undefined || message === null) {
        return;
      }
    }
  }

  // what the user sees ######################################################

  setStatus(state) {
    document.documentElement.dataset.lonaState = state;
    if (this.statusElement) {
      // the server renders these texts from overridable templates; they are
      // shown as text, never parsed as markup
      const text = (this.settings.status_texts || {})[state] || STATUS_TEXT[state] || '';
      this.statusElement.textContent = text;
      this.statusElement.hidden = !(state in STATUS_TEXT);
    }
  }

  updateBusy() {
    // the busy flag is set by a timer and cleared when nothing is pending
    let pending = 0;
    for (const lonaWindow of this.windows.values()) {
      pending += lonaWindow.pending.size;
    }
    if (pending === 0) {
      this.setBusy(false);
    }
  }

  setBusy(busy) {
    document.documentElement.classList.toggle('lona-busy', busy);
  }
}

export function start(settings) {
  return new LonaContext(settings).setup();
}

export const Lona = {
  register_widget_class: registerWidgetClass,
  widget_classes: widgetClasses,
  LonaContext,
  start,
};

window.Lona = Lona;

// The browser client's entry point: `window.Lona`, and the context.
//
// `Lona` is Lona's namespace: `LonaContext`, `register_widget_class`,
// `widget_classes`, `settings` and `protocol` (with `set_settings` and
// `set_protocol`, which the page's script tags call with the server's
// settings for this page).
//
// A context owns the connection and the windows (a window is a root element
// running one view; pages have one, bound to `settings.target`), and is the
// API page scripts use, Lona's: `setup()`, `reconnect({create_window})`,
// `create_window(root, url)`, `run_view(url)`, `get_default_window()`,
// `patch_input_events(selector)`, `send(...)`, and the hooks
// (`add_connect_hook`, `add_disconnect_hook`, `add_view_timeout_hook`,
// `add_input_event_timeout_hook`, `add_rendering_hook`,
// `add_message_handler`).
//
// What a page decides with hooks, the client otherwise does itself: without
// disconnect hooks it shows a notice and reconnects with backoff, and every
// window resumes its view where it was (window.js); without view or input
// event timeout hooks it shows "waiting" and a busy cursor.  A page with
// disconnect hooks reconnects when its hooks say so (`reconnect()` resumes
// the windows too), as under Lona; connect hooks run after every handshake.
//
// Besides Lona's settings, a context takes `socket_class`: the WebSocket
// class its connection opens sockets with (connection.js), the browser's
// `WebSocket` when not given.

import { ProgressIndicator } from './busy.js';
import { Connection } from './connection.js';
import { ContextHooks } from './context_hooks.js';
import { DebugPanel } from './debug.js';
import { mixin } from './mixin.js';
import { ClientMessage, ServerMessage } from './protocol.js';
import { ContextStatus } from './status.js';
import { registerWidgetClass, widgetClasses } from './widgets.js';
import { LonaWindow } from './window.js';

// Lona's context settings and their defaults
const DEFAULTS = {
  target: '#lona',
  title: '',
  update_address_bar: true,
  update_title: true,
  follow_redirects: true,
  follow_http_redirects: true,
  scroll_to_top_on_view_start: true,
};

class LonaNamespace {
  constructor() {
    this.settings = {}; // Lona's client settings, and the page's own (page token, ...)
    this.protocol = {}; // Lona's protocol table (INPUT_EVENT_TYPE, ...)
    this.widget_classes = widgetClasses;
    this.LonaContext = LonaContext;
  }

  set_protocol(protocol) {
    Object.assign(this.protocol, protocol);
  }

  set_settings(settings) {
    Object.assign(this.settings, settings);
  }

  register_widget_class(widget_name, javascript_class) {
    registerWidgetClass(widget_name, javascript_class);
  }
}

export class LonaContext {
  constructor(settings) {
    this.settings = settings || {};
    for (const [name, value] of Object.entries(DEFAULTS)) {
      if (this.settings[name] === undefined) {
        this.settings[name] = value;
      }
    }
    this._windows = new Map();
    this._last_window_id = 0;
    this._connect_hooks = [];
    this._disconnect_hooks = [];
    this._view_timeout_hooks = [];
    this._input_event_timeout_hooks = [];
    this._rendering_hooks = [];
    this._message_handler = [];
    this.connection = null;
    this.serverId = null;
    this.connected = false;
    this.everConnected = false;
    this.createWindowOnConnect = true;
    // this page, for the server: a socket of the same page may resume its windows
    this.pageId = randomId();
    this.statusElement = null;
    this.debug = new DebugPanel(this); // errors over the page (debug mode, live reload)
    this.progress = new ProgressIndicator(this); // while events take long (busy.js)
  }

  // The page's settings from the server (Lona.set_settings).
  get page() {
    return Lona.settings;
  }

  get prefix() {
    return this.page.ws_path.replace(/\/_lona\/ws$/, '') || '/';
  }

  // setup ###################################################################

  setup() {
    if (this.connection === null) {
      this.start();
    }
    this.reconnect();
  }

  start() {
    const page = this.page;
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.connection = new Connection(`${scheme}//${window.location.host}${page.ws_path}`, {
      open: (event) => this.onOpen(event),
      message: (text) => this.onMessage(text),
      close: (event) => this.onClose(event),
      ping: () => this.send([ClientMessage.PING]),
      restored: () => this.connection.connect(),
      leaving: () => this.leave(),
    }, page, this.settings.socket_class);
    // the page's own window, with the content the page load rendered for it
    const id = this.create_window(this.settings.target, window.location.href);
    if (page.first_content) {
      this._windows.get(id).adoptFirstContent(page.first_content);
    }
    window.addEventListener('popstate', () => {
      const main = this.get_default_window();
      if (main !== undefined && this.settings.update_address_bar) {
        main.run_view(window.location.href);
      }
    });
    this.setStatus('connecting');
  }

  reconnect(options) {
    this.createWindowOnConnect = !options || options.create_window !== false;
    if (this.connection === null) {
      this.start();
    }
    if (!this.createWindowOnConnect) {
      // the page reloads once connected (Lona's templates): no view to start
      for (const lonaWindow of this._windows.values()) {
        lonaWindow.close();
      }
      this._windows.clear();
    }
    this.connection.connect();
  }

  // windows #################################################################

  create_window(root, url) {
    const element = typeof root === 'string' ? document.querySelector(root) : root;
    if (!(element instanceof Element)) {
      throw new Error(`lona: no element ${root} to run a view in`);
    }
    this._last_window_id += 1;
    const lonaWindow = new LonaWindow(this, this._last_window_id, element,
      url || window.location.href);
    this._windows.set(lonaWindow.id, lonaWindow);
    if (this.connected) {
      lonaWindow.run_view(lonaWindow.url);
    }
    return lonaWindow.id;
  }

  get windows() {
    return this._windows;
  }

  // the window with the lowest id
  get_default_window() {
    return this._windows.get(Math.min(...this._windows.keys()));
  }

  run_view(url, post_data) {
    return this.get_default_window().run_view(url, post_data);
  }

  // Links, forms and input events of HTML outside the windows (a page's
  // navigation) run in a window: the default one, or `window_id`.
  patch_input_events(root_node_selector, window_id) {
    const lonaWindow = window_id === undefined
      ? this.get_default_window()
      : this._windows.get(window_id);
    const element = document.querySelector(root_node_selector);
    if (lonaWindow !== undefined && element !== null) {
      lonaWindow.bindOutside(element);
    }
  }

  // connection ##############################################################

  onOpen(event) {
    this.openEvent = event;
    const options = { page_token: this.page.page_token, page_id: this.pageId };
    this.send([ClientMessage.HELLO, this.page.protocol_version, options]);
  }

  // The page goes away (not the network): its views are not waited for.
  leave() {
    for (const lonaWindow of this._windows.values()) {
      this.send([ClientMessage.LEAVE, lonaWindow.id]);
    }
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
    if (restarted && this.page.live_reload) {
      window.location.reload();
      return;
    }
    const reconnect = this.everConnected;
    this.everConnected = true;
    this.debug.connected();
    this.setStatus('connected');
    if (this._windows.size === 0 && this.createWindowOnConnect) {
      this.create_window(this.settings.target, window.location.href);
    } else {
      // every window's view: the page load's one, or after a reconnect the one
      // it showed, resumed (or, where that is gone, started afresh)
      for (const lonaWindow of this._windows.values()) {
        lonaWindow.resume(reconnect);
      }
    }
    for (const hook of this._connect_hooks) {
      hook(this, this.openEvent);
    }
  }

  onClose(event) {
    this.connected = false;
    this.debug.connectionLost();
    for (const lonaWindow of this._windows.values()) {
      lonaWindow.disconnected();
    }
    if (this._disconnect_hooks.length > 0) {
      for (const hook of this._disconnect_hooks) {
        hook(this, event);
      }
      return; // the page's hooks decide when to reconnect
    }
    this.setStatus('disconnected');
    if (this.page.auto_reconnect) {
      this.connection.scheduleReconnect();
    }
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
    const lonaWindow = this._windows.get(message[1]);
    if (lonaWindow) {
      lonaWindow.handle(message);
    } else if (kind === ServerMessage.ERROR) {
      console.warn(`lona: server error (${message[4]}): ${message[5]}`);
    } else if (kind === ServerMessage.CUSTOM) {
      this.handleCustomMessage(message[4]);
    }
  }

  // A string is sent as it is (a custom message for the server's
  // middlewares, Lona's `lona_context.send('...')`), anything else as JSON.
  send(message) {
    if (this.connection === null) {
      return false;
    }
    return this.connection.send(typeof message === 'string' ? message : JSON.stringify(message));
  }
}

// the hooks (context_hooks.js) and what the user sees (status.js)
mixin(LonaContext, ContextHooks, ContextStatus);

function randomId() {
  const bytes = new Uint8Array(12);
  window.crypto.getRandomValues(bytes); // also where randomUUID is not (plain http)
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const Lona = new LonaNamespace();

window.Lona = Lona;

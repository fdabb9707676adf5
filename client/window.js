// One window: the view running in a root element, and its messages.
//
// Messages naming another view than the one this window runs are late
// messages of the previous view and are dropped, so fast navigation never
// mixes two views' content.
//
// Lona's names work too: `run_view(url, post_data, add_to_history)`,
// `get_url()`, `set_html(html)`, `crash(error)`, `fire_input_event(...)`.

import { BusyElements } from './busy.js';
import { EventBinder } from './events.js';
import { adopt } from './hydrate.js';
import { ClientMessage, ErrorCode, EventType, ServerMessage } from './protocol.js';
import { Renderer } from './renderer.js';
import { Widgets } from './widgets.js';

export class LonaWindow {
  constructor(context, id, root, url) {
    this.context = context;
    this.id = id;
    this.root = root;
    this.url = new URL(url, window.location.href).href;
    this.viewId = null;
    this.attachToken = null; // lets a reconnect re-attach to this very view (daemons)
    this.attaching = false;
    this.stopped = false;
    this.nextEventId = 1;
    this.pending = new Map(); // event id -> timer
    this.viewTimer = null;
    this.firstContent = null; // the view the page load started, to attach to
    this.early = null; // events sent before that view is attached, waiting for it
    this.widgets = new Widgets(this);
    this.renderer = new Renderer(root, this.widgets);
    this.events = new EventBinder(this, root);
    this.outside = new WeakSet(); // elements bound by patch_input_events
    this.busy = new BusyElements(); // elements whose events are pending (busy.js)
  }

  get settings() {
    return this.context.settings;
  }

  // first content ############################################################

  // The page load started this window's view and shows it: adopt that DOM, so
  // that attaching needs no tree (lona/runtime/first_content.py).
  adoptFirstContent(first) {
    const adopted = first.version !== null && adopt(this.renderer, this.root, first.signature);
    this.firstContent = {
      token: first.token,
      version: adopted ? first.version : null,
      title: first.title,
    };
    this.early = adopted ? [] : null;
    if (adopted) {
      this.setTitle(first.title || this.settings.title);
    }
    // what the user did before this client ran (early.js): sent once the view is attached
    const before = window.lonaEarlyEvents ? window.lonaEarlyEvents() : [];
    if (adopted) {
      for (const event of before) {
        this.events.replay(event);
      }
    }
  }

  // After each handshake: attach to the page's own view the first time, then
  // re-attach (a daemon) or start the URL's view afresh.
  resume(reconnect) {
    const first = this.firstContent;
    this.firstContent = null;
    if (first !== null && !reconnect) {
      this.runView(this.url, null, false, first.token, first.version);
    } else {
      this.runView(this.url, null, false, reconnect ? this.attachToken : null);
    }
  }

  // navigation ##############################################################

  runView(url, post = null, pushHistory = false, attachToken = null, adoptedVersion = null) {
    if (pushHistory && this.settings.update_address_bar && url !== window.location.href) {
      window.history.pushState({ lona: true }, '', url);
    }
    if (url !== this.url) {
      this.firstContent = null; // the page's view is not wanted any more
    }
    this.url = url;
    this.viewId = null;
    this.attaching = attachToken !== null;
    this.adopting = adoptedVersion !== null;
    if (!this.adopting) {
      this.early = null; // events of what the window showed before
      if (this.settings.update_title && this.settings.title) {
        this.setTitle(this.settings.title);
      }
    }
    this.clearPending();
    const message = [ClientMessage.VIEW, this.id, url, post, attachToken];
    if (this.adopting) {
      message.push(adoptedVersion);
    }
    clearTimeout(this.viewTimer);
    if (!this.context.send(message)) {
      return; // not connected: the next handshake runs this.url (resume)
    }
    this.viewTimer = setTimeout(
      () => this.context.viewTimedOut(this),
      this.context.page.view_start_timeout * 1000,
    );
  }

  navigate(url, post = null) {
    if (this.settings.scroll_to_top_on_view_start) {
      window.scrollTo(0, 0);
    }
    this.runView(url, post, true);
  }

  // Lona's `lona_window.run_view(url, post_data, add_to_history)`
  run_view(url, post_data = null, add_to_history = false) {
    const absolute = new URL(url, this.url).href;
    const post = post_data && Object.keys(post_data).length > 0 ? post_data : null;
    if (add_to_history) {
      this.navigate(absolute, post);
    } else {
      this.runView(absolute, post);
    }
  }

  get_url() {
    return new URL(this.url);
  }

  isAppUrl(url) {
    return url.origin === window.location.origin && url.pathname.startsWith(this.context.prefix);
  }

  isAppLink(link, event) {
    if (link.hasAttribute('data-lona-ignore') || link.hasAttribute('download')) {
      return false;
    }
    if ((link.target && link.target !== '_self') || event.button !== 0) {
      return false;
    }
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return false;
    }
    const url = new URL(link.href, this.url);
    if (url.pathname === new URL(this.url).pathname && url.hash && url.search === new URL(this.url).search) {
      return false; // an anchor on this page
    }
    return this.isAppUrl(url);
  }

  // Links, forms and input events of `element`, outside the view, run here
  // (Lona's `patch_input_events`).
  bindOutside(element) {
    if (!this.outside.has(element) && !this.root.contains(element)) {
      this.outside.add(element);
      new EventBinder(this, element);
    }
  }

  // what the window shows ###################################################

  get viewRunning() {
    return (this.viewId !== null && !this.stopped) || (this.attaching && this.adopting);
  }

  // Lona's `set_html`: HTML of the page's own (a "waiting" message), only
  // while no view is running in the window.
  set_html(html) {
    if (this.viewRunning) {
      throw new Error('RuntimeError: cannot set HTML while a view is running');
    }
    this.renderer.renderHtml(html);
  }

  close() {
    clearTimeout(this.viewTimer);
    this.clearPending();
    this.widgets.destroyAll();
  }

  // input events ############################################################

  fireEvent(type, data, node, target) {
    if (this.busy.refuses(node)) {
      return; // disabled while its last event runs (data-lona-disable)
    }
    if (this.viewId === null || !this.context.connected) {
      if (this.early !== null) {
        this.early.push([type, data, node, target]); // the page's view is on its way
      }
      return;
    }
    const eventId = this.nextEventId++;
    const nodeId = node ? this.renderer.idOf(node) ?? null : null;
    const targetNode = target && target.nodeType === Node.TEXT_NODE ? target.parentNode : target;
    const targetId = this.closestId(targetNode);
    const nodeInfo = nodeId === null && node
      ? [node.tagName || null, node.id || null, node.getAttribute('class')]
      : null;
    this.context.send([ClientMessage.EVENT, this.id, this.viewId, eventId, type, data,
      nodeId, targetId, nodeInfo]);
    this.pending.set(eventId, setTimeout(
      () => this.context.inputEventTimedOut(this),
      this.context.page.input_event_timeout * 1000,
    ));
    this.busy.started(eventId, node);
    this.context.updateBusy();
  }

  // An input event from page or widget code (Lona's `fire_input_event`):
  // `node` is an element of this view (or none), `type` a name for a custom
  // event or one of Lona's event types.
  fire_input_event(node, type, data = null, target = undefined) {
    const element = this.elementOf(node);
    if (typeof type !== 'string' && !Object.values(EventType).includes(type)) {
      throw new Error(`lona: fire_input_event: ${type} is neither a name nor an event type`);
    }
    this.fireEvent(type, data === undefined ? null : data, element, this.elementOf(target) || element);
  }

  elementOf(node) {
    if (node === undefined || node === null) {
      return null;
    }
    if (typeof node === 'string' || typeof node === 'number') {
      return this.renderer.node(Number(node)); // a node id, as Lona's widgets may pass
    }
    if (!(node instanceof Element) && this.renderer.idOf(node) === undefined) {
      throw new Error('lona: fire_input_event needs an element of this view (or none)');
    }
    return node; // an element, or a legacy widget's anchor (a comment, the window's element)
  }

  closestId(node) {
    for (let current = node; current && current !== this.root; current = current.parentNode) {
      const id = this.renderer.idOf(current);
      if (id !== undefined) {
        return id;
      }
    }
    return null;
  }

  sendEarlyEvents() {
    const early = this.early;
    this.early = null;
    for (const [type, data, node, target] of early || []) {
      this.fireEvent(type, data, node, target);
    }
  }

  acknowledge(eventId) {
    clearTimeout(this.pending.get(eventId));
    this.pending.delete(eventId);
    this.busy.finished(eventId);
    this.context.updateBusy();
  }

  clearPending() {
    for (const timer of this.pending.values()) {
      clearTimeout(timer);
    }
    this.pending.clear();
    this.busy.finishAll();
    this.context.updateBusy();
  }

  // messages ################################################################

  handle(message) {
    const kind = message[0];
    const viewId = message[2];
    if (kind === ServerMessage.VIEW_START) {
      // What shows now belongs to the previous view: its node ids mean nothing to
      // the new one, so nothing of it may stay clickable until the new content comes.
      // Unless the server says the window keeps what it shows: the view's own
      // first content, adopted from the page load.
      if (message[5] !== true) {
        this.renderer.clear();
      }
      this.viewId = viewId;
      this.attachToken = message[4] || null;
      this.attaching = false;
      this.adopting = false;
      this.stopped = false;
      this.nextEventId = 1;
      this.clearPending();
      clearTimeout(this.viewTimer);
      this.context.setStatus('connected');
      this.sendEarlyEvents();
      return;
    }
    if (kind === ServerMessage.HTTP_REDIRECT && viewId === null) {
      this.httpRedirect(message[3]);
      return;
    }
    if (kind === ServerMessage.ERROR) {
      this.handleError(message);
      return;
    }
    if (viewId !== this.viewId) {
      return;
    }
    try {
      this.apply(kind, message);
    } catch (error) {
      this.crash(error);
    }
  }

  apply(kind, message) {
    switch (kind) {
      case ServerMessage.TREE:
        this.renderer.renderTree(message[3]);
        this.setTitle(message[4]);
        this.context.rendered(this);
        break;
      case ServerMessage.PATCH:
        this.renderer.apply(message[3]);
        if (message.length > 4) {
          this.acknowledge(message[4]);
        }
        this.context.rendered(this);
        break;
      case ServerMessage.HTML:
        this.renderer.renderHtml(message[3]);
        this.setTitle(message[4]);
        this.context.rendered(this);
        break;
      case ServerMessage.ACK:
        this.acknowledge(message[3]);
        break;
      case ServerMessage.REDIRECT:
        if (this.settings.follow_redirects) {
          this.navigate(new URL(message[3], this.url).href);
        }
        break;
      case ServerMessage.HTTP_REDIRECT:
        this.httpRedirect(message[3]);
        break;
      case ServerMessage.VIEW_STOP:
        this.stopped = true;
        break;
      case ServerMessage.TITLE:
        this.setTitle(message[3]);
        break;
      case ServerMessage.CUSTOM:
        this.context.handleCustomMessage(message[3]);
        break;
      case ServerMessage.DEBUG:
        this.context.debug.show(message[3]);
        break;
      default:
        break;
    }
  }

  httpRedirect(url) {
    if (this.settings.follow_http_redirects) {
      window.location.href = new URL(url, this.url).href;
    }
  }

  handleError(message) {
    const [, , , code, text, eventId] = message;
    if (code === ErrorCode.PAGE_TOKEN) {
      this.context.reloadForNewToken();
      return;
    }
    if (this.attaching && (code === ErrorCode.NOT_FOUND || code === ErrorCode.FORBIDDEN)) {
      // the view we showed is gone (or not ours): start the URL's view afresh
      this.runView(this.url);
      return;
    }
    if (eventId !== null && eventId !== undefined) {
      this.acknowledge(eventId);
    }
    console.warn(`lona: server refused a message (${code}): ${text}`);
    if (code === ErrorCode.VIEW_STOPPED || code === ErrorCode.STALE_VIEW) {
      this.context.setStatus('stopped');
    }
  }

  setTitle(title) {
    if (title && this.settings.update_title) {
      document.title = title;
    }
  }

  crash(error) {
    console.error('lona: could not apply a server message', error);
    this.context.send([ClientMessage.CLIENT_ERROR, this.id, this.viewId,
      String(error && error.stack ? error.stack : error)]);
  }
}

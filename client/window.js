// One window: the view running in a root element, and its messages.
//
// Messages naming another view than the one this window runs are late
// messages of the previous view and are dropped, so fast navigation never
// mixes two views' content.
//
// Resuming (docs/protocol.md, "Resuming"): the view's messages to this window
// are numbered; the window remembers the last one it applied (`received`)
// and confirms it now and then (RECEIVED, and with every event).  Its input
// events stay in `unanswered` until the server answers them.  When the socket
// drops, the window keeps its view: events made offline wait, and after the
// next handshake RESUME asks for every message after `received`; RESUMED
// says which events the server already has, the others go again, in order,
// with their ids, so each reaches the view once.  Where the view can not be
// resumed, the URL starts afresh and the values the user typed are put back
// into the new view (forms.js).
//
// Lona's names work too: `run_view(url, post_data, add_to_history)`,
// `get_url()`, `set_html(html)`, `crash(error)`, `fire_input_event(...)`.

import { BusyElements } from './busy.js';
import { EventBinder } from './events.js';
import { restore, snapshot } from './forms.js';
import { adopt } from './hydrate.js';
import { ClientMessage, ErrorCode, EventType, ServerMessage } from './protocol.js';
import { Renderer } from './renderer.js';
import { Widgets } from './widgets.js';

// A window confirms the messages it got after this many ms, or this many messages
const CONFIRM_DELAY = 1000;
const CONFIRM_BATCH = 100;

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
    this.debounced = new Map(); // element -> its CHANGE waiting for the input delay
    this.received = 0; // the number of the last message of the view applied here
    this.confirmed = 0; // ... and of the last one the server knows we have
    this.confirmTimer = null;
    this.unanswered = new Map(); // event id -> EVENT message, until the server answers
    this.resuming = false; // RESUME sent, no answer yet: new events wait
    this.recovering = false; // the next VIEW_START replaces the view: keep what was typed
    this.recovery = null; // values typed into the old view, for the new one (forms.js)
    this.touched = new WeakSet(); // fields the user typed into
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
  // that attaching needs no tree (lona/http/first_content.py).
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

  // After each handshake: attach to the page's own view the first time; after
  // a reconnect resume the view (the server starts the URL afresh where it
  // can not).
  resume(reconnect) {
    const first = this.firstContent;
    this.firstContent = null;
    if (first !== null && !reconnect) {
      this.runView(this.url, null, false, first.token, first.version);
    } else if (reconnect && this.viewId !== null && this.attachToken !== null) {
      this.sendResume();
    } else {
      this.runView(this.url);
      this.recovering = reconnect; // a view ran here before: keep what was typed
    }
  }

  sendResume() {
    this.resuming = true;
    this.recovering = true; // unless RESUMED comes, a new view starts
    this.confirmed = this.received;
    const message = [ClientMessage.RESUME, this.id, this.viewId, this.attachToken,
      this.received, this.url];
    clearTimeout(this.viewTimer);
    if (this.context.send(message)) {
      this.viewTimer = setTimeout(
        () => this.context.viewTimedOut(this),
        this.context.page.view_start_timeout * 1000,
      );
    }
  }

  // The view is back as it was: the events it has not got go again, in order.
  resumed(lastEventId, nextSeq) {
    this.resuming = false;
    this.recovering = false;
    clearTimeout(this.viewTimer);
    if (nextSeq !== this.received + 1) {
      // some messages were not kept: the whole state follows, as a new tree
      this.recovery = snapshot(this.root, this.touched);
      this.received = nextSeq - 1;
      this.confirmed = this.received;
    }
    this.context.setStatus('connected');
    for (const [eventId, message] of this.unanswered) {
      if (eventId > lastEventId) {
        this.transmit(eventId, message);
      }
    }
  }

  // The socket is gone: the view and its unanswered events stay for a resume.
  disconnected() {
    this.resuming = false;
    clearTimeout(this.confirmTimer);
    this.confirmTimer = null;
    this.clearPending();
  }

  // Tell the server which messages arrived, so it need not keep them.
  confirm() {
    clearTimeout(this.confirmTimer);
    this.confirmTimer = null;
    if (this.received <= this.confirmed || this.viewId === null || this.resuming) {
      return;
    }
    if (this.context.send([ClientMessage.RECEIVED, this.id, this.viewId, this.received])) {
      this.confirmed = this.received;
    }
  }

  scheduleConfirm() {
    if (this.received - this.confirmed >= CONFIRM_BATCH) {
      this.confirm();
    } else if (this.confirmTimer === null) {
      this.confirmTimer = setTimeout(() => this.confirm(), CONFIRM_DELAY);
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
    this.resuming = false;
    this.recovering = false; // another URL: nothing typed carries over
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

  // A CHANGE of `element` waits `delay` ms for more typing; `value()` reads
  // what it carries when it goes.
  debounce(element, delay, value) {
    const waiting = this.debounced.get(element);
    if (waiting !== undefined) {
      clearTimeout(waiting.timer);
    }
    const send = () => {
      this.debounced.delete(element);
      this.sendEvent(EventType.CHANGE, value(), element, element);
    };
    this.debounced.set(element, { send, timer: setTimeout(send, delay) });
  }

  // Changes still waiting for their input delay go now, in the order typed.
  flushDebounced() {
    for (const waiting of [...this.debounced.values()]) {
      clearTimeout(waiting.timer);
      waiting.send();
    }
  }

  // Every input event (a click, a submit, a widget's custom event, anywhere in
  // the page) first sends the typing still waiting for its input delay, so the
  // view has seen what the user typed before it.
  fireEvent(type, data, node, target) {
    if (this.busy.refuses(node)) {
      return; // disabled while its last event runs (data-lona-disable)
    }
    this.flushDebounced();
    this.sendEvent(type, data, node, target);
  }

  sendEvent(type, data, node, target) {
    if (this.viewId === null) {
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
    const message = [ClientMessage.EVENT, this.id, this.viewId, eventId, type, data,
      nodeId, targetId, nodeInfo];
    this.unanswered.set(eventId, message);
    this.busy.started(eventId, node);
    if (this.context.connected && !this.resuming) {
      this.transmit(eventId, message);
    } // else it waits for the view to resume
  }

  // Send an event, with the number of the last message received.
  transmit(eventId, message) {
    if (!this.context.send([...message, this.received])) {
      return;
    }
    this.confirmed = this.received;
    clearTimeout(this.pending.get(eventId));
    this.pending.set(eventId, setTimeout(
      () => this.context.inputEventTimedOut(this),
      this.context.page.input_event_timeout * 1000,
    ));
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
    this.unanswered.delete(eventId);
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
    const seq = message[3];
    if (kind === ServerMessage.VIEW_START) {
      this.startView(message);
      return;
    }
    if (kind === ServerMessage.RESUMED) {
      if (viewId === this.viewId) {
        this.resumed(message[4], message[5]);
      }
      return;
    }
    if (kind === ServerMessage.HTTP_REDIRECT && viewId === null) {
      this.httpRedirect(message[4]);
      return;
    }
    if (typeof seq === 'number' && viewId === this.viewId) {
      if (seq <= this.received) {
        return; // sent again on a resume: applied already
      }
      this.received = seq;
      this.scheduleConfirm();
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

  startView(message) {
    // What shows now belongs to the previous view: its node ids mean nothing to
    // the new one, so nothing of it may stay clickable until the new content comes.
    // Unless the server says the window keeps what it shows: the view's own
    // first content, adopted from the page load.
    if (this.recovering) {
      // the view could not be resumed: what the user typed goes into the new one
      this.recovery = snapshot(this.root, this.touched);
    }
    if (message[6] !== true) {
      this.renderer.clear();
    }
    this.viewId = message[2];
    this.received = message[3];
    this.confirmed = 0;
    this.attachToken = message[5] || null;
    this.attaching = false;
    this.adopting = false;
    this.resuming = false;
    this.recovering = false;
    this.stopped = false;
    this.nextEventId = 1;
    this.unanswered.clear(); // events of the view before: gone with it
    this.clearPending();
    clearTimeout(this.viewTimer);
    this.context.setStatus('connected');
    this.scheduleConfirm();
    this.sendEarlyEvents();
  }

  // After a new tree: the values typed into the view that could not resume.
  recover() {
    const values = this.recovery;
    if (values !== null) {
      this.recovery = null;
      restore(this, values);
    }
  }

  apply(kind, message) {
    switch (kind) {
      case ServerMessage.TREE:
        this.renderer.renderTree(message[4]);
        this.setTitle(message[5]);
        this.recover();
        this.context.rendered(this);
        break;
      case ServerMessage.PATCH:
        this.renderer.apply(message[4]);
        if (message.length > 5) {
          this.acknowledge(message[5]);
        }
        this.context.rendered(this);
        break;
      case ServerMessage.HTML:
        this.renderer.renderHtml(message[4]);
        this.setTitle(message[5]);
        this.recover();
        this.context.rendered(this);
        break;
      case ServerMessage.ACK:
        this.acknowledge(message[4]);
        break;
      case ServerMessage.REDIRECT:
        if (this.settings.follow_redirects) {
          this.navigate(new URL(message[4], this.url).href);
        }
        break;
      case ServerMessage.HTTP_REDIRECT:
        this.httpRedirect(message[4]);
        break;
      case ServerMessage.VIEW_STOP:
        this.stopped = true;
        break;
      case ServerMessage.TITLE:
        this.setTitle(message[4]);
        break;
      case ServerMessage.CUSTOM:
        this.context.handleCustomMessage(message[4]);
        break;
      case ServerMessage.DEBUG:
        this.context.debug.show(message[4]);
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
    const [, , , , code, text, eventId] = message;
    if (code === ErrorCode.PAGE_TOKEN) {
      this.context.reloadForNewToken();
      return;
    }
    if (this.attaching && (code === ErrorCode.NOT_FOUND || code === ErrorCode.FORBIDDEN)) {
      // the view the page load started is not here (another process served
      // the page) or not ours: start the URL's view afresh, keeping the typing
      this.runView(this.url);
      this.recovering = true;
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

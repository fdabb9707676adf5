// One window: the view running in a root element.
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
//
// This module has the window's state, its first content, resuming and
// navigation; its input events are in window_events.js, what it does with
// its view's messages in window_messages.js.

import { BusyElements } from './busy.js';
import { EventBinder } from './events.js';
import { snapshot } from './forms.js';
import { adopt } from './hydrate.js';
import { mixin } from './mixin.js';
import { ClientMessage } from './protocol.js';
import { Renderer } from './renderer.js';
import { Widgets } from './widgets.js';
import { WindowEvents } from './window_events.js';
import { WindowMessages } from './window_messages.js';

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
    if (post !== null) {
      // a posted form ends the view that showed it: nothing of that view may be
      // read or clicked as if it were the answer while the new one starts
      this.renderer.clear();
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
}

// its input events (window_events.js) and its view's messages (window_messages.js)
mixin(LonaWindow, WindowEvents, WindowMessages);

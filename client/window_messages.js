// What a window does with the messages of its view.
//
// Messages numbered by the server (`seq`) count for resuming (window.js); one
// sent again on a resume is applied once.  Messages of another view than the
// window runs are dropped, so fast navigation never mixes two views' content.
// A message that fails to apply is reported to the server (CLIENT_ERROR).
// Methods of `LonaWindow`, installed there with mixin.js.

import { restore, snapshot } from './forms.js';
import { ClientMessage, ErrorCode, ServerMessage } from './protocol.js';

export class WindowMessages {
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

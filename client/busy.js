// Feedback while input events are on their way or being handled.
//
// * The element that fired an event carries the class `lona-pending` and
//   `aria-busy="true"` until the server has handled it (its ACK, or the
//   PATCH that acknowledges it).
// * An element with `data-lona-disable` ignores further events meanwhile
//   (`aria-disabled="true"`); with `data-lona-disable-with="Saving…"` its
//   text reads that meanwhile, too (as LiveView's `phx-disable-with`).
// * After `CLIENT_PROGRESS_DELAY` seconds with any event pending, the page
//   shows a progress indicator: the element `#lona-progress` of the page
//   (the frontend template's `lona/progress.html`), or a thin bar at the
//   top; `html.lona-progress` is set meanwhile.  0 turns it off.
//
// docs/guides/feedback.md documents all of it.

import { ensureStyles } from './styles.js';

const PENDING = 'lona-pending';

function disables(element) {
  return element.hasAttribute('data-lona-disable') || element.hasAttribute('data-lona-disable-with');
}

// What one pending element had before, to put back when its events are done.
class PendingElement {
  constructor(element) {
    this.element = element;
    this.count = 0;
    this.text = null; // the text node whose content disable-with replaced
    this.originalText = null;
    this.busyText = null;
    element.classList.add(PENDING);
    element.setAttribute('aria-busy', 'true');
    if (disables(element)) {
      element.setAttribute('aria-disabled', 'true');
      this.replaceText(element.getAttribute('data-lona-disable-with'));
    }
  }

  // Only an element showing one text (a button's label) changes its words:
  // the server addresses that very text node, so it stays in place.
  replaceText(busyText) {
    const only = this.element.childNodes.length === 1 ? this.element.firstChild : null;
    if (!busyText || only === null || only.nodeType !== Node.TEXT_NODE) {
      return;
    }
    this.text = only;
    this.originalText = only.data;
    this.busyText = busyText;
    only.data = busyText;
  }

  release() {
    const element = this.element;
    element.classList.remove(PENDING);
    element.removeAttribute('aria-busy');
    if (disables(element)) {
      element.removeAttribute('aria-disabled');
    }
    // unless the server changed the text meanwhile: then its text stands
    if (this.text !== null && this.text.data === this.busyText) {
      this.text.data = this.originalText;
    }
  }
}

// A window's pending elements, by the ids of their events.
export class BusyElements {
  constructor() {
    this.byEvent = new Map(); // event id -> PendingElement
    this.byElement = new Map(); // element -> PendingElement
  }

  // An element that disables itself while busy takes no more events meanwhile.
  refuses(element) {
    return Boolean(element) && this.byElement.has(element) && disables(element);
  }

  started(eventId, element) {
    if (!(element instanceof Element)) {
      return; // an event of the window itself, or of a legacy widget's anchor
    }
    let pending = this.byElement.get(element);
    if (pending === undefined) {
      pending = new PendingElement(element);
      this.byElement.set(element, pending);
    }
    pending.count += 1;
    this.byEvent.set(eventId, pending);
  }

  finished(eventId) {
    const pending = this.byEvent.get(eventId);
    if (pending === undefined) {
      return;
    }
    this.byEvent.delete(eventId);
    pending.count -= 1;
    if (pending.count === 0) {
      this.byElement.delete(pending.element);
      pending.release();
    }
  }

  finishAll() {
    for (const eventId of [...this.byEvent.keys()]) {
      this.finished(eventId);
    }
  }
}

// The page's progress indicator, shown while events take longer than the delay.
export class ProgressIndicator {
  constructor(context) {
    this.context = context;
    this.timer = null;
    this.element = null;
  }

  get delay() {
    const delay = this.context.page.progress_delay;
    return delay === undefined ? 0.3 : Number(delay);
  }

  update(pending) {
    if (pending === 0) {
      clearTimeout(this.timer);
      this.timer = null;
      this.hide();
    } else if (this.timer === null && this.delay > 0) {
      this.timer = setTimeout(() => this.show(), this.delay * 1000);
    }
  }

  show() {
    ensureStyles();
    let element = document.getElementById('lona-progress');
    if (element === null) {
      element = document.createElement('div');
      element.id = 'lona-progress';
      element.setAttribute('role', 'progressbar');
      element.setAttribute('aria-label', 'Working…');
      document.body.appendChild(element);
    }
    this.element = element;
    element.hidden = false;
    document.documentElement.classList.add('lona-progress');
  }

  hide() {
    if (this.element !== null) {
      this.element.hidden = true;
    }
    document.documentElement.classList.remove('lona-progress');
  }
}

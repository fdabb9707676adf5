// A window's input events: from the DOM (events.js), from page and widget
// code (Lona's `fire_input_event`), and typed ahead of the view (early.js).
//
// A CHANGE waits for its input delay (`debounce`), and every other input
// event first sends the typing still waiting, so the view sees events in the
// order the user made them.  Each event gets an id and stays in `unanswered`
// until the server answers it (ACK, or a PATCH naming it): a dropped socket
// does not lose it (window.js, resuming).  Methods of `LonaWindow`, installed
// there with mixin.js.

import { ClientMessage, EventType } from './protocol.js';

export class WindowEvents {
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
}

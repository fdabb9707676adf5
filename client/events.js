// Turns DOM events inside a window's root into input events for the server.
//
// One delegated listener per DOM event type on the root: the element that
// gets the event is the innermost one whose `data-lona-events` enables that
// type (as in Lona, where the innermost handler wins).  Links and forms
// inside the app navigate through the websocket instead of reloading.

import { EventType } from './protocol.js';

export function parseEvents(element) {
  const spec = element.getAttribute && element.getAttribute('data-lona-events');
  const events = new Map();
  if (!spec || element.hasAttribute('data-lona-ignore')) {
    return events; // an ignored element is left to the browser (Lona's `ignore`)
  }
  for (const part of spec.split(';')) {
    const [type, delay] = part.split(':');
    events.set(Number(type), Number(delay || 0));
  }
  return events;
}

function closestWithEvent(start, root, type) {
  for (let node = start; node && node !== root.parentNode; node = node.parentNode) {
    if (node.nodeType === Node.ELEMENT_NODE && parseEvents(node).has(type)) {
      return node;
    }
  }
  return null;
}

export function valueOf(element) {
  if (element.type === 'checkbox' || element.type === 'radio') {
    return element.checked;
  }
  if (element.tagName === 'SELECT') {
    return [...element.options].flatMap((option, index) => (option.selected ? [index] : []));
  }
  return element.value;
}

function clickData(event, element) {
  const rect = element.getBoundingClientRect();
  return {
    alt_key: event.altKey,
    shift_key: event.shiftKey,
    meta_key: event.metaKey,
    ctrl_key: event.ctrlKey,
    node_width: Math.round(rect.width),
    node_height: Math.round(rect.height),
    x: Math.round(event.clientX - rect.left),
    y: Math.round(event.clientY - rect.top),
  };
}

function formData(form, submitter) {
  const data = {};
  for (const [name, value] of new FormData(form, submitter)) {
    if (typeof value !== 'string') {
      continue; // files travel through buckets, not the websocket
    }
    if (name in data) {
      data[name] = [].concat(data[name], value);
    } else {
      data[name] = value;
    }
  }
  return data;
}

export class EventBinder {
  constructor(lonaWindow, root) {
    this.lonaWindow = lonaWindow;
    this.root = root;
    root.addEventListener('click', (event) => this.onClick(event));
    root.addEventListener('change', (event) => this.onChange(event, false));
    root.addEventListener('input', (event) => this.onChange(event, true));
    root.addEventListener('focusin', (event) => this.onFocus(event, EventType.FOCUS));
    root.addEventListener('focusout', (event) => this.onFocus(event, EventType.BLUR));
    root.addEventListener('submit', (event) => this.onSubmit(event));
  }

  // An event recorded before the client ran (early.js): its default action is
  // done, so only what the view gets of it is repeated, no navigation.
  replay(event) {
    if (event.type === 'click') {
      const element = closestWithEvent(event.target, this.root, EventType.CLICK);
      if (element) {
        this.lonaWindow.fireEvent(EventType.CLICK, clickData(event, element), element, event.target);
      }
    } else if (event.type === 'change' || event.type === 'input') {
      this.onChange(event, event.type === 'input');
    } else {
      this.onFocus(event, event.type === 'focusin' ? EventType.FOCUS : EventType.BLUR);
    }
  }

  onClick(event) {
    const element = closestWithEvent(event.target, this.root, EventType.CLICK);
    if (element) {
      event.preventDefault();
      this.lonaWindow.fireEvent(EventType.CLICK, clickData(event, element), element, event.target);
      return;
    }
    const link = event.target.closest && event.target.closest('a[href]');
    if (link && this.root.contains(link) && this.lonaWindow.isAppLink(link, event)) {
      event.preventDefault();
      this.lonaWindow.navigate(link.href);
    }
  }

  onChange(event, isInput) {
    const element = event.target;
    this.lonaWindow.touched.add(element); // the user gave it a value (form recovery)
    const delay = parseEvents(element).get(EventType.CHANGE);
    if (delay === undefined || (delay > 0) !== isInput) {
      return;
    }
    if (isInput) {
      this.lonaWindow.debounce(element, delay, () => valueOf(element));
    } else {
      this.lonaWindow.fireEvent(EventType.CHANGE, valueOf(element), element, element);
    }
  }

  onFocus(event, type) {
    const element = event.target;
    if (parseEvents(element).has(type)) {
      this.lonaWindow.fireEvent(type, [], element, element);
    }
  }

  onSubmit(event) {
    const form = event.target;
    if (form.hasAttribute('data-lona-ignore')) {
      return;
    }
    // files can not travel over the websocket, and a form aimed at another
    // frame is meant to leave this page alone: both go to the browser
    if (form.enctype === 'multipart/form-data' || (form.target && form.target !== '_self')) {
      return;
    }
    const action = new URL(form.getAttribute('action') || this.lonaWindow.url, this.lonaWindow.url);
    if (!this.lonaWindow.isAppUrl(action)) {
      return;
    }
    event.preventDefault();
    this.lonaWindow.flushDebounced(); // the form's data is what the view saw typed
    const data = formData(form, event.submitter);
    if ((form.getAttribute('method') || 'get').toLowerCase() === 'post') {
      this.lonaWindow.navigate(action.href, data);
    } else {
      action.search = new URLSearchParams(data).toString();
      this.lonaWindow.navigate(action.href);
    }
  }
}

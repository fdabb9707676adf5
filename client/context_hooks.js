// A context's hooks: what a page decides for itself (Lona's API).
//
// `add_connect_hook`, `add_disconnect_hook` (run by lona.js on connection
// events), `add_view_timeout_hook`, `add_input_event_timeout_hook` (a window's
// view or input event took too long; without such hooks the client shows
// "waiting" or a busy cursor itself), `add_rendering_hook` (after every change
// to a window's DOM) and `add_message_handler` (custom messages).  These are
// methods of `LonaContext` (installed there with mixin.js); the hook lists are
// its fields, named as in Lona.

import { WindowShim } from './widgets.js';

export class ContextHooks {
  add_connect_hook(hook) {
    this._connect_hooks.push(hook);
  }

  add_disconnect_hook(hook) {
    this._disconnect_hooks.push(hook);
  }

  add_view_timeout_hook(hook) {
    this._view_timeout_hooks.push(hook);
  }

  add_input_event_timeout_hook(hook) {
    this._input_event_timeout_hooks.push(hook);
  }

  add_rendering_hook(hook) {
    this._rendering_hooks.push(hook);
  }

  add_message_handler(handler) {
    this._message_handler.push(handler);
  }

  // Runs a window's timeout hooks; false when there are none.
  runWindowHooks(hooks, lonaWindow) {
    if (hooks.length === 0) {
      return false;
    }
    const shim = new WindowShim(lonaWindow);
    try {
      for (const hook of hooks) {
        hook(this, shim);
      }
    } catch (error) {
      lonaWindow.crash(error);
    }
    return true;
  }

  viewTimedOut(lonaWindow) {
    if (!this.runWindowHooks(this._view_timeout_hooks, lonaWindow)) {
      this.setStatus('waiting');
    }
  }

  inputEventTimedOut(lonaWindow) {
    if (!this.runWindowHooks(this._input_event_timeout_hooks, lonaWindow)) {
      this.setBusy(true);
    }
  }

  rendered(lonaWindow) {
    for (const hook of this._rendering_hooks) {
      hook(this, lonaWindow);
    }
  }

  // Custom messages go to the message handlers in turn, each with the message,
  // until one returns nothing (it handled the message).
  handleCustomMessage(message) {
    for (const handler of this._message_handler) {
      if (!handler(this, message)) {
        return;
      }
    }
  }
}

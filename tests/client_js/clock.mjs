// A clock the tests move by hand: `setTimeout`, `setInterval`, their
// `clear...` and `Date.now` in the globals, run when `tick(ms)` passes their
// time (in order), never by waiting.  Node's own mock timers differ between
// the Node versions that run these tests, so this one is ours.
import { afterEach, beforeEach } from 'node:test';

export class FakeClock {
  constructor() {
    this.saved = null;
    this.reset();
  }

  reset() {
    this.now = 1_000_000;
    this.timers = new Map(); // id -> {at, callback, interval}
    this.nextId = 1;
  }

  install() {
    this.reset();
    this.saved = {
      setTimeout: globalThis.setTimeout,
      clearTimeout: globalThis.clearTimeout,
      setInterval: globalThis.setInterval,
      clearInterval: globalThis.clearInterval,
      now: Date.now,
    };
    globalThis.setTimeout = (callback, delay = 0) => this.add(callback, delay, null);
    globalThis.setInterval = (callback, delay = 0) => this.add(callback, delay, delay);
    globalThis.clearTimeout = (id) => this.timers.delete(id);
    globalThis.clearInterval = (id) => this.timers.delete(id);
    Date.now = () => this.now;
    return this;
  }

  uninstall() {
    Object.assign(globalThis, {
      setTimeout: this.saved.setTimeout,
      clearTimeout: this.saved.clearTimeout,
      setInterval: this.saved.setInterval,
      clearInterval: this.saved.clearInterval,
    });
    Date.now = this.saved.now;
  }

  add(callback, delay, interval) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + Math.max(0, Number(delay) || 0), callback, interval });
    return id;
  }

  // Moves time on by `ms`, running every timer that falls due meanwhile.
  tick(ms) {
    const end = this.now + ms;
    for (;;) {
      let nextId = null;
      for (const [id, timer] of this.timers) {
        if (timer.at <= end && (nextId === null || timer.at < this.timers.get(nextId).at)) {
          nextId = id;
        }
      }
      if (nextId === null) {
        break;
      }
      const timer = this.timers.get(nextId);
      this.now = Math.max(this.now, timer.at);
      if (timer.interval === null) {
        this.timers.delete(nextId);
      } else {
        timer.at += Math.max(1, timer.interval);
      }
      timer.callback();
    }
    this.now = end;
  }

  get pending() {
    return this.timers.size;
  }
}

// A fake clock in every test of the calling file: installed before each, removed after.
export function clockPerTest() {
  const clock = new FakeClock();
  beforeEach(() => clock.install());
  afterEach(() => clock.uninstall());
  return clock;
}

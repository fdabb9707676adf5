// The websocket: connect, hand messages on, and reconnect with backoff.
//
// Delays grow from `reconnect_delay` (ms), doubling up to 5 s, with jitter so
// that many tabs of a restarted server do not reconnect in lockstep.

const MAX_DELAY = 5000;

export class Connection {
  constructor(url, handlers, settings) {
    this.url = url;
    this.handlers = handlers;
    this.settings = settings;
    this.socket = null;
    this.attempt = 0;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.closedByPage = false;
    window.addEventListener('pagehide', () => this.shutdown());
  }

  get open() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  connect() {
    clearTimeout(this.reconnectTimer);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.startPing();
      this.handlers.open();
    };
    socket.onmessage = (event) => this.handlers.message(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      clearInterval(this.pingTimer);
      if (this.closedByPage) {
        return;
      }
      this.handlers.close(event.code, event.reason);
      if (this.settings.auto_reconnect) {
        this.scheduleReconnect();
      }
    };
  }

  scheduleReconnect() {
    const base = Math.min(MAX_DELAY, this.settings.reconnect_delay * 2 ** this.attempt);
    const delay = base / 2 + Math.random() * (base / 2);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  startPing() {
    clearInterval(this.pingTimer);
    const interval = this.settings.ping_interval;
    if (interval > 0) {
      this.pingTimer = setInterval(() => this.handlers.ping(), interval * 1000);
    }
  }

  send(text) {
    if (this.open) {
      this.socket.send(text);
      return true;
    }
    return false;
  }

  shutdown() {
    this.closedByPage = true;
    clearTimeout(this.reconnectTimer);
    if (this.socket) {
      this.socket.close(1000);
    }
  }
}

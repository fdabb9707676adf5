// The websocket: connect, hand messages on, and reconnect with backoff.
//
// Delays grow from `reconnect_delay` (ms), doubling up to 5 s, with jitter so
// that many tabs of a restarted server do not reconnect in lockstep.
//
// A dropped network can leave a socket half-open: no close event ever comes.
// The server answers every ping, so a socket that stays silent for two ping
// intervals is abandoned and replaced.

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
    this.lastMessage = 0;
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
      this.lastMessage = Date.now();
      this.startPing();
      this.handlers.open();
    };
    socket.onmessage = (event) => {
      this.lastMessage = Date.now();
      this.handlers.message(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) {
        this.lost(event.code, event.reason);
      }
    };
  }

  lost(code, reason) {
    this.socket = null;
    clearInterval(this.pingTimer);
    if (this.closedByPage) {
      return;
    }
    this.handlers.close(code, reason);
    if (this.settings.auto_reconnect) {
      this.scheduleReconnect();
    }
  }

  abandon() {
    const socket = this.socket;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close();
      this.lost(1006, 'no answer from the server');
    }
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
      this.pingTimer = setInterval(() => {
        if (Date.now() - this.lastMessage > 2 * interval * 1000) {
          this.abandon();
        } else {
          this.handlers.ping();
        }
      }, interval * 1000);
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

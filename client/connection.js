// The websocket: connect, hand messages on, and reconnect with backoff.
//
// Delays grow from `reconnect_delay` (ms), doubling up to 5 s, with jitter so
// that many tabs of a restarted server do not reconnect in lockstep.
//
// A dropped network can leave a socket half-open: no close event ever comes.
// The server answers every ping, so a socket that stays silent for two ping
// intervals is abandoned and replaced.
//
// Leaving the page says so (LEAVE for each window, so the server lets the
// views go at once instead of keeping them for a resume) and closes the
// socket, so the browser may keep the page in its back/forward cache; a page
// the browser shows again from that cache connects again.
//
// The socket class is handed in (as Phoenix LiveView's `new LiveSocket(url,
// Socket, opts)` takes one): anything with the browser's WebSocket interface
// (`new Socket(url)`, `readyState`, `send`, `close`, `onopen`, `onmessage`,
// `onclose`); by default the page's own `WebSocket`, looked up at each
// connect.  A page may pass a wrapper (`LonaContext({socket_class})`), the
// client's unit tests pass a fake.

const MAX_DELAY = 5000;
const OPEN = 1; // WebSocket.OPEN, the same for every implementation

export class Connection {
  constructor(url, handlers, settings, socketClass = null) {
    this.url = url;
    this.handlers = handlers;
    this.settings = settings;
    this.socketClass = socketClass;
    this.socket = null;
    this.attempt = 0;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.closedByPage = false;
    this.lastMessage = 0;
    window.addEventListener('pagehide', () => {
      if (this.open) {
        this.handlers.leaving();
      }
      this.shutdown();
    });
    window.addEventListener('pageshow', (event) => {
      if (event.persisted && this.closedByPage) {
        this.closedByPage = false;
        this.attempt = 0;
        this.handlers.restored();
      }
    });
  }

  get open() {
    return this.socket !== null && this.socket.readyState === OPEN;
  }

  // A new socket, now: an open one (or a pending attempt) is given up.
  connect() {
    clearTimeout(this.reconnectTimer);
    this.detach();
    const Socket = this.socketClass || WebSocket;
    const socket = new Socket(this.url);
    this.socket = socket;
    socket.onopen = (event) => {
      this.attempt = 0;
      this.lastMessage = Date.now();
      this.startPing();
      this.handlers.open(event);
    };
    socket.onmessage = (event) => {
      this.lastMessage = Date.now();
      this.handlers.message(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) {
        this.lost(event);
      }
    };
  }

  detach() {
    const socket = this.socket;
    this.socket = null;
    if (socket !== null) {
      socket.onopen = null;
      socket.onclose = null;
      socket.onmessage = null;
      socket.close();
    }
  }

  lost(event) {
    this.socket = null;
    clearInterval(this.pingTimer);
    if (!this.closedByPage) {
      this.handlers.close(event);
    }
  }

  abandon() {
    if (this.socket !== null) {
      this.detach();
      this.lost(new CloseEvent('close', { code: 1006, reason: 'no answer from the server' }));
    }
  }

  scheduleReconnect() {
    clearTimeout(this.reconnectTimer);
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
    clearInterval(this.pingTimer);
    if (this.socket !== null) {
      const socket = this.socket;
      this.socket = null;
      socket.onclose = null;
      socket.close(1000);
    }
  }
}

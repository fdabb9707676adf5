// WebSocket classes for the tests: what the client sends is recorded, and the
// test plays the server (`serverOpens`, `serverSends`, `serverCloses`).  Each
// `socketClass()` has its own list of the sockets made with it.

export function socketClass() {
  class FakeSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0; // CONNECTING
      this.sent = [];
      this.closedWith = null;
      this.onopen = null;
      this.onmessage = null;
      this.onclose = null;
      FakeSocket.made.push(this);
    }

    send(text) {
      if (this.readyState !== 1) {
        throw new Error('InvalidStateError: the socket is not open');
      }
      this.sent.push(text);
    }

    close(code = 1005) {
      this.closedWith = code;
      this.readyState = 3;
    }

    // the messages sent as JSON, parsed
    get messages() {
      return this.sent.filter((text) => text[0] === '[').map((text) => JSON.parse(text));
    }

    serverOpens() {
      this.readyState = 1;
      this.onopen?.({ type: 'open' });
    }

    serverSends(message) {
      this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
    }

    serverCloses(code = 1006) {
      this.readyState = 3;
      this.onclose?.(new CloseEvent('close', { code }));
    }
  }
  FakeSocket.made = [];
  return FakeSocket;
}

// client/connection.js: the socket class it is given, reconnecting with
// backoff, pings and half-open sockets, leaving the page.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';

import { clockPerTest } from './clock.mjs';
import { FakeEvent, installDom } from './fake_dom.mjs';
import { socketClass } from './fake_socket.mjs';
import { Connection } from '../../client/connection.js';

const clock = clockPerTest();
let Socket;
let calls;
const random = Math.random;

function handlers() {
  const record = (name) => (...args) => calls.push([name, ...args]);
  return {
    open: record('open'),
    message: record('message'),
    close: record('close'),
    ping: record('ping'),
    restored: record('restored'),
    leaving: record('leaving'),
  };
}

function connection(settings = {}) {
  return new Connection('ws://app.test/_lona/ws', handlers(),
    { reconnect_delay: 1000, ping_interval: 0, ...settings }, Socket);
}

beforeEach(() => {
  installDom();
  Socket = socketClass();
  calls = [];
});

afterEach(() => {
  Math.random = random;
  delete globalThis.WebSocket;
});

test('connects with the socket class it was given', () => {
  const conn = connection();
  conn.connect();
  assert.equal(Socket.made.length, 1);
  assert.equal(Socket.made[0].url, 'ws://app.test/_lona/ws');
  assert.equal(conn.open, false);
  Socket.made[0].serverOpens();
  assert.equal(conn.open, true);
  assert.deepEqual(calls.map((call) => call[0]), ['open']);
});

test("without one it uses the page's WebSocket, looked up at each connect", () => {
  const conn = new Connection('ws://app.test/_lona/ws', handlers(), { reconnect_delay: 1 });
  const First = socketClass();
  globalThis.WebSocket = First;
  conn.connect();
  const Second = socketClass();
  globalThis.WebSocket = Second;
  conn.connect();
  assert.equal(First.made.length, 1);
  assert.equal(Second.made.length, 1);
  assert.equal(First.made[0].closedWith, 1005, 'the first socket is given up');
});

test('sends only on an open socket, and hands messages on', () => {
  const conn = connection();
  assert.equal(conn.send('[4]'), false, 'no socket yet');
  conn.connect();
  assert.equal(conn.send('[4]'), false, 'still connecting');
  const socket = Socket.made[0];
  socket.serverOpens();
  assert.equal(conn.send('[4]'), true);
  assert.deepEqual(socket.sent, ['[4]']);
  socket.serverSends('[10]');
  assert.deepEqual(calls.at(-1), ['message', '[10]']);
});

test('a closing socket is reported once; one given up for a new one is not', () => {
  const conn = connection();
  conn.connect();
  const old = Socket.made[0];
  conn.connect();
  old.serverCloses(1006);
  assert.deepEqual(calls, [], 'the replaced socket is detached');
  Socket.made[1].serverOpens();
  Socket.made[1].serverCloses(1011);
  assert.equal(calls.at(-1)[0], 'close');
  assert.equal(calls.at(-1)[1].code, 1011);
  assert.equal(conn.open, false);
  assert.equal(conn.send('x'), false);
});

test('reconnect delays double from reconnect_delay up to 5 s, with jitter below each', () => {
  const conn = connection({ reconnect_delay: 1000 });
  Math.random = () => 0.999999; // the most jitter allows: the whole base delay
  const waited = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = Socket.made.length;
    conn.scheduleReconnect();
    let elapsed = 0;
    while (Socket.made.length === before) {
      clock.tick(10);
      elapsed += 10;
    }
    waited.push(elapsed);
  }
  assert.deepEqual(waited, [1000, 2000, 4000, 5000, 5000]);
  Math.random = () => 0; // the least: half of it
  const before = Socket.made.length;
  conn.scheduleReconnect();
  clock.tick(2499);
  assert.equal(Socket.made.length, before);
  clock.tick(1);
  assert.equal(Socket.made.length, before + 1);
});

test('an opened socket starts the backoff from the beginning again', () => {
  const conn = connection({ reconnect_delay: 100 });
  Math.random = () => 0.999999;
  conn.scheduleReconnect();
  conn.scheduleReconnect();
  conn.scheduleReconnect();
  assert.equal(conn.attempt, 3);
  clock.tick(400);
  Socket.made.at(-1).serverOpens();
  assert.equal(conn.attempt, 0);
  const before = Socket.made.length;
  conn.scheduleReconnect();
  clock.tick(100);
  assert.equal(Socket.made.length, before + 1);
});

test('a new connect cancels a pending reconnect', () => {
  const conn = connection({ reconnect_delay: 1000 });
  conn.scheduleReconnect();
  conn.connect();
  clock.tick(10000);
  assert.equal(Socket.made.length, 1);
});

test('pings every interval while the server answers, gives up a silent socket', () => {
  const conn = connection({ ping_interval: 1 });
  conn.connect();
  const socket = Socket.made[0];
  socket.serverOpens();
  clock.tick(1000);
  assert.deepEqual(calls.map((call) => call[0]), ['open', 'ping']);
  socket.serverSends('[10]');
  clock.tick(1000);
  clock.tick(1000);
  assert.equal(calls.filter((call) => call[0] === 'ping').length, 3);
  assert.equal(socket.closedWith, null);
  clock.tick(1000); // nothing came for more than two intervals
  assert.equal(socket.closedWith, 1005);
  const close = calls.at(-1);
  assert.equal(close[0], 'close');
  assert.equal(close[1].code, 1006);
  clock.tick(10000);
  assert.equal(calls.filter((call) => call[0] === 'ping').length, 3, 'no pings after that');
});

test('a ping interval of 0 sends no pings', () => {
  const conn = connection({ ping_interval: 0 });
  conn.connect();
  Socket.made[0].serverOpens();
  clock.tick(60000);
  assert.deepEqual(calls.map((call) => call[0]), ['open']);
});

test('leaving the page says so, closes the socket and reports no loss', () => {
  const conn = connection({ reconnect_delay: 10 });
  conn.connect();
  const socket = Socket.made[0];
  socket.serverOpens();
  window.dispatchEvent(new FakeEvent('pagehide', { persisted: true }));
  assert.deepEqual(calls.map((call) => call[0]), ['open', 'leaving']);
  assert.equal(socket.closedWith, 1000);
  socket.serverCloses(1000);
  clock.tick(60000);
  assert.equal(Socket.made.length, 1, 'no reconnect');
  assert.equal(calls.length, 2);
});

test('a page shown again from the back/forward cache connects again', () => {
  const conn = connection();
  conn.connect();
  Socket.made[0].serverOpens();
  window.dispatchEvent(new FakeEvent('pageshow', { persisted: true }));
  assert.equal(calls.at(-1)[0], 'open', 'not hidden before: nothing to restore');
  window.dispatchEvent(new FakeEvent('pagehide', { persisted: true }));
  conn.attempt = 3;
  window.dispatchEvent(new FakeEvent('pageshow', { persisted: false }));
  assert.equal(calls.at(-1)[0], 'leaving', 'a fresh load is no restore');
  window.dispatchEvent(new FakeEvent('pageshow', { persisted: true }));
  assert.equal(calls.at(-1)[0], 'restored');
  assert.equal(conn.attempt, 0);
});

test('leaving before the socket opened sends nothing', () => {
  const conn = connection();
  conn.connect();
  window.dispatchEvent(new FakeEvent('pagehide'));
  assert.deepEqual(calls, []);
  assert.equal(Socket.made[0].closedWith, 1000);
});

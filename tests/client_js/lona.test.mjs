// client/lona.js, context_hooks.js, status.js: Lona's namespace and context,
// the handshake, routing the server's messages, hooks, what the user sees.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clockPerTest } from './clock.mjs';
import { FakeEvent } from './fake_dom.mjs';
import { C, Lona, LonaContext, S, openPage, runningPage, welcome } from './page.mjs';

const clock = clockPerTest();

test("Lona's namespace is window.Lona, with its settings, protocol and widget classes", () => {
  openPage();
  assert.equal(globalThis.window.Lona, Lona);
  Lona.set_settings({ extra: 1 });
  Lona.set_protocol({ INPUT_EVENT_TYPE: { CLICK: 301 } });
  assert.equal(Lona.settings.extra, 1);
  assert.equal(Lona.settings.ws_path, '/_lona/ws', 'set_settings merges');
  assert.equal(Lona.protocol.INPUT_EVENT_TYPE.CLICK, 301);
  class Widget {}
  Lona.register_widget_class('test.Widget', Widget);
  assert.equal(Lona.widget_classes['test.Widget'], Widget);
  assert.equal(Lona.LonaContext, LonaContext);
});

test("a context fills in Lona's defaults and keeps the page's own settings", () => {
  const context = new LonaContext({ target: 'main', update_title: false });
  assert.equal(context.settings.target, 'main');
  assert.equal(context.settings.update_title, false);
  assert.equal(context.settings.update_address_bar, true);
  assert.equal(context.settings.title, '');
  assert.equal(context.settings.socket_class, undefined, 'no socket class unless given');
  assert.equal(new LonaContext().settings.target, '#lona');
});

test('setup opens a socket of the given class at the app\'s websocket URL', () => {
  const page = openPage({ url: 'https://app.test:8443/shop/item', page: { ws_path: '/shop/_lona/ws' } });
  page.context.setup();
  assert.equal(page.Socket.made.length, 1);
  assert.equal(page.socket().url, 'wss://app.test:8443/shop/_lona/ws');
  assert.equal(page.context.prefix, '/shop');
  assert.equal(document.documentElement.dataset.lonaState, 'connecting');
});

test('the handshake: HELLO with the page token and id, then the window runs its view', () => {
  const page = openPage({ url: 'http://app.test/items?page=2' });
  const connects = [];
  page.context.add_connect_hook((context, event) => connects.push([context, event.type]));
  page.context.setup();
  const socket = page.socket();
  socket.serverOpens();
  const [hello] = socket.messages;
  assert.deepEqual(hello.slice(0, 2), [C.HELLO, 2]);
  assert.equal(hello[2].page_token, 'page-token');
  assert.match(hello[2].page_id, /^[0-9a-f]{24}$/);
  assert.deepEqual(connects, [], 'connect hooks wait for WELCOME');
  socket.serverSends([S.WELCOME, 2, { server_id: 's1' }]);
  assert.deepEqual(socket.messages[1], [C.VIEW, 1, 'http://app.test/items?page=2', null, null]);
  assert.deepEqual(connects, [[page.context, 'open']]);
  assert.equal(document.documentElement.dataset.lonaState, 'connected');
});

test('a reconnect resumes the window with the same page id, not a new window', () => {
  const page = runningPage([1, 'div', {}, [[2, 'hi']]]);
  const firstHello = page.socket().messages[0];
  page.socket().serverCloses(1006);
  assert.equal(document.documentElement.dataset.lonaState, 'disconnected');
  assert.equal(document.getElementById('lona-status').textContent, 'Connection lost. Reconnecting…');
  clock.tick(100);
  assert.equal(page.Socket.made.length, 2, 'reconnected after the delay');
  const socket = welcome(page);
  const [hello, resume] = socket.messages;
  assert.equal(hello[2].page_id, firstHello[2].page_id);
  assert.deepEqual(resume, [C.RESUME, 1, 'v1', 'attach-1', 2, 'http://app.test/']);
  assert.equal(page.context.windows.size, 1);
  assert.equal(document.getElementById('lona-status').hidden, true);
});

test('with disconnect hooks the page decides when to reconnect', () => {
  const page = openPage();
  const lost = [];
  page.context.add_disconnect_hook((context, event) => lost.push(event.code));
  page.context.setup();
  welcome(page).serverCloses(1011);
  assert.deepEqual(lost, [1011]);
  assert.equal(document.getElementById('lona-status'), null, 'no notice either');
  clock.tick(60000);
  assert.equal(page.Socket.made.length, 1, 'no reconnect of its own');
  page.context.reconnect();
  assert.equal(page.Socket.made.length, 2);
});

test('without auto_reconnect a lost connection stays lost', () => {
  const page = openPage({ page: { auto_reconnect: false } });
  page.context.setup();
  welcome(page).serverCloses(1006);
  clock.tick(60000);
  assert.equal(page.Socket.made.length, 1);
});

test("reconnect({create_window: false}) closes the windows and starts no view (Lona's templates)", () => {
  const page = openPage();
  page.context.setup();
  page.context.reconnect({ create_window: false });
  const socket = welcome(page);
  assert.equal(page.context.windows.size, 0);
  assert.deepEqual(socket.messages.map((m) => m[0]), [C.HELLO]);
});

test('a server that restarted reloads a live-reload page', () => {
  const page = openPage({ page: { live_reload: true } });
  page.context.setup();
  welcome(page, 'first').serverCloses(1006);
  clock.tick(100);
  welcome(page, 'first');
  assert.equal(page.window.location.reloads, 0, 'the same server');
  page.socket().serverCloses(1006);
  clock.tick(1000);
  welcome(page, 'second');
  assert.equal(page.window.location.reloads, 1);
});

test('custom messages go through the handlers until one handles them', () => {
  const page = runningPage([1, 'div', {}, []]);
  const seen = [];
  page.context.add_message_handler((context, message) => {
    seen.push(['first', message]);
    return message !== 'mine';
  });
  page.context.add_message_handler((context, message) => seen.push(['second', message]));
  page.socket().serverSends('mine'); // a plain text frame
  page.socket().serverSends([S.CUSTOM, null, null, null, 'broadcast']);
  page.socket().serverSends([S.CUSTOM, 1, 'v1', 3, 'for the view']);
  assert.deepEqual(seen, [['first', 'mine'], ['first', 'broadcast'], ['second', 'broadcast'],
    ['first', 'for the view'], ['second', 'for the view']]);
});

test('send: a string goes as it is, anything else as JSON; nothing before setup', () => {
  const page = openPage();
  assert.equal(page.context.send('hello'), false);
  page.context.setup();
  const socket = welcome(page);
  assert.equal(page.context.send('hello'), true);
  page.context.send([C.PING]);
  assert.deepEqual(socket.sent.slice(-2), ['hello', '[4]']);
});

test('view timeouts: the hooks with a window shim, else "waiting"', () => {
  const page = openPage();
  page.context.setup();
  welcome(page);
  clock.tick(2000); // view_start_timeout: no VIEW_START came
  assert.equal(document.documentElement.dataset.lonaState, 'waiting');
  assert.equal(document.getElementById('lona-status').textContent, 'Waiting for the server…');

  const hooked = openPage({ page: { status_texts: { waiting: 'Patience' } } });
  const shims = [];
  hooked.context.add_view_timeout_hook((context, lonaWindow) => shims.push(lonaWindow));
  hooked.context.setup();
  welcome(hooked);
  clock.tick(2000);
  assert.equal(shims.length, 1);
  assert.equal(shims[0].root_node, document.querySelector('#lona'));
  assert.equal(shims[0].lona_context, hooked.context);
  assert.notEqual(document.documentElement.dataset.lonaState, 'waiting');
});

test('the status texts of the page replace the built-in ones, as text', () => {
  const page = openPage({ page: { status_texts: { disconnected: '<b>Offline</b>' } } });
  page.context.setup();
  welcome(page).serverCloses(1006);
  const status = document.getElementById('lona-status');
  assert.equal(status.textContent, '<b>Offline</b>');
  assert.equal(status.children.length, 0, 'never parsed as markup');
  assert.equal(status.getAttribute('role'), 'status');
});

test('a page whose token the server no longer knows reloads, at most once in 10 s', () => {
  const page = runningPage([1, 'div', {}, []]);
  const refuse = () => page.socket().serverSends([S.ERROR, 1, null, null, 17, 'page token', null]);
  refuse();
  assert.equal(page.window.location.reloads, 1);
  clock.tick(5000);
  refuse();
  assert.equal(page.window.location.reloads, 1);
  assert.equal(document.documentElement.dataset.lonaState, 'stopped');
  clock.tick(5001);
  refuse();
  assert.equal(page.window.location.reloads, 2);
});

test('leaving the page sends LEAVE for every window', () => {
  const page = runningPage([1, 'div', {}, []]);
  const other = document.createElement('section');
  document.body.appendChild(other);
  page.context.create_window(other, '/other');
  globalThis.window.dispatchEvent(new FakeEvent('pagehide'));
  const leaves = page.socket().messages.filter((m) => m[0] === C.LEAVE);
  assert.deepEqual(leaves, [[C.LEAVE, 1], [C.LEAVE, 2]]);
});

test('create_window refuses what is no element', () => {
  const page = openPage();
  assert.throws(() => page.context.create_window('#missing', '/'), /no element #missing/);
});

test('get_default_window is the lowest id; patch_input_events binds outside HTML to it', () => {
  const page = runningPage([1, 'div', {}, []], {
    body: '<nav><a href="/about">About</a></nav><div id="lona"></div>',
  });
  page.context.patch_input_events('nav');
  assert.equal(page.context.get_default_window().id, 1);
  const link = document.querySelector('nav a');
  const click = new FakeEvent('click');
  link.dispatchEvent(click);
  assert.equal(click.defaultPrevented, true);
  assert.deepEqual(page.socket().messages.at(-1), [C.VIEW, 1, 'http://app.test/about', null, null]);
  assert.deepEqual(page.window.pushed.at(-1), [{ lona: true }, 'http://app.test/about']);
});

test('the busy cursor and progress follow pending events', () => {
  const page = runningPage([1, 'button', { 'data-lona-events': '301' }, [[2, 'Go']]],
    { page: { progress_delay: 0.5 } });
  document.querySelector('button').dispatchEvent(new FakeEvent('click'));
  clock.tick(499);
  assert.equal(document.documentElement.classList.contains('lona-progress'), false);
  clock.tick(1);
  assert.equal(document.documentElement.classList.contains('lona-progress'), true);
  clock.tick(1500); // input_event_timeout, no hooks: the busy cursor
  assert.equal(document.documentElement.classList.contains('lona-busy'), true);
  page.socket().serverSends([S.ACK, 1, 'v1', 3, 1]);
  assert.equal(document.documentElement.classList.contains('lona-busy'), false);
  assert.equal(document.documentElement.classList.contains('lona-progress'), false);
  assert.equal(document.getElementById('lona-progress').hidden, true);
});

test('input event timeout hooks replace the busy cursor', () => {
  const page = openPage();
  const timedOut = [];
  page.context.add_input_event_timeout_hook((context, lonaWindow) => timedOut.push(lonaWindow));
  page.context.setup();
  const socket = welcome(page);
  socket.serverSends([S.VIEW_START, 1, 'v1', 1, 'http://app.test/', 'a']);
  socket.serverSends([S.TREE, 1, 'v1', 2, [1, 'button', { 'data-lona-events': '301' }, []], 'T']);
  document.querySelector('button').dispatchEvent(new FakeEvent('click'));
  clock.tick(2000);
  assert.equal(timedOut.length, 1);
  assert.equal(document.documentElement.classList.contains('lona-busy'), false);
});

test('rendering hooks run after every change to a window', () => {
  const rendered = [];
  const page = openPage();
  page.context.add_rendering_hook((context, lonaWindow) => rendered.push(lonaWindow.id));
  page.context.setup();
  const socket = welcome(page);
  socket.serverSends([S.VIEW_START, 1, 'v1', 1, 'http://app.test/', 'a']);
  socket.serverSends([S.TREE, 1, 'v1', 2, [1, 'div', {}, []], 'T']);
  socket.serverSends([S.PATCH, 1, 'v1', 3, [[3, 1, 'class', 'x']]]);
  socket.serverSends([S.HTML, 1, 'v1', 4, '<p>x</p>', 'T']);
  assert.deepEqual(rendered, [1, 1, 1]);
});

test("an error for no window is logged; PONG is ignored", () => {
  const page = runningPage([1, 'div', {}, []]);
  const warnings = [];
  const warn = console.warn;
  console.warn = (text) => warnings.push(text);
  try {
    page.socket().serverSends([S.PONG]);
    page.socket().serverSends([S.ERROR, null, null, null, 1, 'bad message', null]);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, ['lona: server error (1): bad message']);
});

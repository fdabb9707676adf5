// client/window.js, window_events.js, window_messages.js: a window's view,
// its messages, its input events, resuming after a dropped socket, navigation.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clockPerTest } from './clock.mjs';
import { FakeEvent } from './fake_dom.mjs';
import { C, ErrorCode, EventType, Lona, Op, S, openPage, runningPage, welcome } from './page.mjs';

const clock = clockPerTest();

const BUTTON = [1, 'div', {}, [[2, 'button', { 'data-lona-events': '301' }, [[3, 'Go']]],
  [4, 'input', { 'data-lona-events': '302:300', name: 'q' }, []]]];

function click(selector) {
  const event = new FakeEvent('click');
  document.querySelector(selector).dispatchEvent(event);
  return event;
}

function events(page) {
  return page.socket().messages.filter((m) => m[0] === C.EVENT);
}

function view(page) {
  return page.context.get_default_window();
}

test('a tree is rendered, with its title', () => {
  const page = runningPage(BUTTON);
  assert.equal(document.querySelector('#lona').innerHTML,
    '<div><button data-lona-events="301">Go</button><input data-lona-events="302:300" name="q"></div>');
  assert.equal(document.title, 'Title');
  assert.equal(view(page).viewId, 'v1');
});

test('messages of another view than the window runs are dropped', () => {
  const page = runningPage(BUTTON);
  page.socket().serverSends([S.PATCH, 1, 'old-view', 7, [[Op.SET_TEXT, 3, 'Stale']]]);
  page.socket().serverSends([S.TITLE, 1, 'old-view', 8, 'Stale']);
  assert.equal(document.querySelector('button').textContent, 'Go');
  assert.equal(document.title, 'Title');
});

test('a message sent again on a resume is applied once', () => {
  const page = runningPage([1, 'ul', {}, []]);
  const insert = [S.PATCH, 1, 'v1', 3, [[Op.INSERT, 1, 0, [5, 'li', {}, []]]]];
  page.socket().serverSends(insert);
  page.socket().serverSends(insert);
  assert.equal(document.querySelectorAll('li').length, 1);
});

test('a click sends EVENT with the node, the target and the messages received', () => {
  const page = runningPage(BUTTON);
  const event = click('button');
  assert.equal(event.defaultPrevented, true);
  const [message] = events(page);
  assert.deepEqual(message.slice(0, 9), [C.EVENT, 1, 'v1', 1, EventType.CLICK,
    message[5], 2, 2, null]);
  assert.equal(message[9], 2, 'received: TREE was message 2');
  assert.deepEqual(Object.keys(message[5]).sort(),
    ['alt_key', 'ctrl_key', 'meta_key', 'node_height', 'node_width', 'shift_key', 'x', 'y']);
  click('button');
  assert.deepEqual(events(page).map((m) => m[3]), [1, 2], 'event ids count up');
});

test('typing waits for the input delay; a click first sends what was typed', () => {
  const page = runningPage(BUTTON);
  const input = document.querySelector('input');
  input.value = 'a';
  input.dispatchEvent(new FakeEvent('input'));
  clock.tick(200);
  input.value = 'ab';
  input.dispatchEvent(new FakeEvent('input'));
  clock.tick(299);
  assert.deepEqual(events(page), [], 'each keystroke restarts the delay');
  clock.tick(1);
  assert.deepEqual(events(page).map((m) => [m[4], m[5]]), [[EventType.CHANGE, 'ab']]);
  input.value = 'abc';
  input.dispatchEvent(new FakeEvent('input'));
  click('button');
  assert.deepEqual(events(page).slice(1).map((m) => [m[3], m[4], m[5]]),
    [[2, EventType.CHANGE, 'abc'], [3, EventType.CLICK, events(page)[2][5]]]);
  clock.tick(1000);
  assert.equal(events(page).length, 3, 'the flushed change is not sent again');
});

test('an answered event leaves unanswered; PATCH can answer it', () => {
  const page = runningPage(BUTTON);
  click('button');
  click('button');
  assert.deepEqual([...view(page).unanswered.keys()], [1, 2]);
  page.socket().serverSends([S.ACK, 1, 'v1', 3, 1]);
  page.socket().serverSends([S.PATCH, 1, 'v1', 4, [[Op.SET_TEXT, 3, 'Done']], 2]);
  assert.deepEqual([...view(page).unanswered.keys()], []);
  assert.equal(document.querySelector('button').textContent, 'Done');
  assert.equal(document.querySelector('button').classList.contains('lona-pending'), false);
});

test('RECEIVED confirms after a second, or at once after 100 messages', () => {
  const page = runningPage([1, 'p', {}, [[2, '0']]]);
  clock.tick(1000);
  const received = () => page.socket().messages.filter((m) => m[0] === C.RECEIVED);
  assert.deepEqual(received(), [[C.RECEIVED, 1, 'v1', 2]]);
  for (let seq = 3; seq < 102; seq++) {
    page.socket().serverSends([S.PATCH, 1, 'v1', seq, [[Op.SET_TEXT, 2, String(seq)]]]);
  }
  assert.equal(received().length, 1);
  page.socket().serverSends([S.PATCH, 1, 'v1', 102, [[Op.SET_TEXT, 2, 'x']]]);
  assert.deepEqual(received().at(-1), [C.RECEIVED, 1, 'v1', 102]);
  clock.tick(5000);
  assert.equal(received().length, 2, 'nothing new to confirm');
});

test('events made offline wait; after RESUMED the ones the server lacks go again, in order', () => {
  const page = runningPage(BUTTON);
  click('button'); // event 1, sent
  page.socket().serverCloses(1006);
  click('button'); // event 2, offline
  click('button'); // event 3, offline
  clock.tick(100);
  const socket = welcome(page);
  assert.deepEqual(socket.messages.map((m) => m[0]), [C.HELLO, C.RESUME]);
  click('button'); // event 4: waits for the resume too
  assert.deepEqual(socket.messages.filter((m) => m[0] === C.EVENT), []);
  socket.serverSends([S.RESUMED, 1, 'v1', null, 1, 3]); // the server has event 1
  assert.deepEqual(socket.messages.filter((m) => m[0] === C.EVENT).map((m) => m[3]), [2, 3, 4]);
  assert.equal(view(page).resuming, false);
});

test('a view that can not be resumed starts afresh and gets what the user typed', () => {
  const tree = [1, 'form', {}, [[2, 'input', { id: 'name', 'data-lona-events': '302' }, []],
    [3, 'input', { name: 'note' }, []], [4, 'input', { type: 'password', name: 'pw' }, []]]];
  const page = runningPage(tree);
  document.querySelector('#name').value = 'Ada';
  document.querySelector('[name="note"]').value = 'hello';
  document.querySelector('[name="pw"]').value = 'secret';
  page.socket().serverCloses(1006);
  clock.tick(100);
  const socket = welcome(page);
  // the server has no such view any more: it starts the URL afresh
  socket.serverSends([S.VIEW_START, 1, 'v2', 1, 'http://app.test/', 'attach-2']);
  socket.serverSends([S.TREE, 1, 'v2', 2, tree, 'Title']);
  assert.equal(document.querySelector('#name').value, 'Ada');
  assert.equal(document.querySelector('[name="note"]').value, 'hello');
  assert.equal(document.querySelector('[name="pw"]').value, '', 'passwords are not kept');
  const changes = socket.messages.filter((m) => m[0] === C.EVENT);
  assert.deepEqual(changes.map((m) => [m[2], m[4], m[5], m[6]]), [['v2', EventType.CHANGE, 'Ada', 2]],
    'only the field the view listens to sends a CHANGE');
});

test('REDIRECT navigates in the window and the address bar; HTTP_REDIRECT leaves the page', () => {
  const page = runningPage(BUTTON, { url: 'http://app.test/a/b' });
  page.socket().serverSends([S.REDIRECT, 1, 'v1', 3, '../c']);
  assert.deepEqual(page.socket().messages.at(-1), [C.VIEW, 1, 'http://app.test/c', null, null]);
  assert.deepEqual(page.window.pushed, [[{ lona: true }, 'http://app.test/c']]);
  assert.deepEqual(page.window.scrolled, [[0, 0]]);
  page.socket().serverSends([S.VIEW_START, 1, 'v2', 1, 'http://app.test/c', 't']);
  page.socket().serverSends([S.HTTP_REDIRECT, 1, 'v2', 2, '/login']);
  assert.equal(page.window.location.href, 'http://app.test/login');
});

test('follow_redirects: false leaves redirects to the page', () => {
  const page = runningPage(BUTTON, { settings: { follow_redirects: false, follow_http_redirects: false } });
  page.socket().serverSends([S.REDIRECT, 1, 'v1', 3, '/c']);
  page.socket().serverSends([S.HTTP_REDIRECT, 1, 'v1', 4, '/login']);
  assert.equal(page.socket().messages.filter((m) => m[0] === C.VIEW).length, 1);
  assert.equal(page.window.location.href, 'http://app.test/');
});

test("Lona's run_view: relative URLs, post data, history only when asked", () => {
  const page = runningPage(BUTTON, { url: 'http://app.test/shop/' });
  const lonaWindow = view(page);
  lonaWindow.run_view('item/1');
  assert.deepEqual(page.socket().messages.at(-1), [C.VIEW, 1, 'http://app.test/shop/item/1', null, null]);
  assert.deepEqual(page.window.pushed, []);
  lonaWindow.run_view('/cart', { count: '2' }, true);
  assert.deepEqual(page.socket().messages.at(-1), [C.VIEW, 1, 'http://app.test/cart', { count: '2' }, null]);
  assert.deepEqual(page.window.pushed.map((p) => p[1]), ['http://app.test/cart']);
  assert.equal(lonaWindow.get_url().pathname, '/cart');
});

test('set_html only while no view runs', () => {
  const page = runningPage(BUTTON);
  assert.throws(() => view(page).set_html('<p>x</p>'), /while a view is running/);
  const other = document.createElement('section');
  document.body.appendChild(other);
  const id = page.context.create_window(other, '/elsewhere');
  page.context.windows.get(id).set_html('<p>Waiting</p>');
  assert.equal(other.innerHTML, '<p>Waiting</p>');
});

test('errors: a stopped view says so; an error naming an event answers it', () => {
  const page = runningPage(BUTTON);
  const warn = console.warn;
  console.warn = () => {};
  try {
    click('button');
    page.socket().serverSends([S.ERROR, 1, 'v1', 3, ErrorCode.RATE_LIMITED, 'slow down', 1]);
    assert.equal(view(page).unanswered.size, 0);
    page.socket().serverSends([S.ERROR, 1, 'v1', 4, ErrorCode.VIEW_STOPPED, 'stopped', null]);
  } finally {
    console.warn = warn;
  }
  assert.equal(document.documentElement.dataset.lonaState, 'stopped');
});

test('a message that fails to apply is reported as CLIENT_ERROR', () => {
  const page = runningPage(BUTTON);
  const error = console.error;
  console.error = () => {};
  try {
    page.socket().serverSends([S.PATCH, 1, 'v1', 3, [[Op.SET_TEXT, 99, 'x']]]);
  } finally {
    console.error = error;
  }
  const report = page.socket().messages.at(-1);
  assert.deepEqual(report.slice(0, 3), [C.CLIENT_ERROR, 1, 'v1']);
  assert.match(report[3], /unknown node id 99/);
});

test('VIEW_STOP: the view still takes events; a new VIEW_START forgets the old events', () => {
  const page = runningPage(BUTTON);
  page.socket().serverSends([S.VIEW_STOP, 1, 'v1', 3]);
  click('button');
  assert.equal(events(page).length, 1);
  page.socket().serverSends([S.VIEW_START, 1, 'v2', 1, 'http://app.test/', 't']);
  assert.equal(view(page).unanswered.size, 0);
  assert.equal(document.querySelector('#lona').childNodes.length, 0, 'the old content goes');
  page.socket().serverSends([S.TREE, 1, 'v2', 2, BUTTON, 'T']);
  click('button');
  assert.equal(events(page).at(-1)[3], 1, 'event ids start again');
});

test("fire_input_event: custom names and Lona's types; bad ones are refused", () => {
  const page = runningPage(BUTTON);
  const lonaWindow = view(page);
  lonaWindow.fire_input_event(document.querySelector('button'), 'my-event', { a: 1 });
  lonaWindow.fire_input_event('2', EventType.CLICK);
  lonaWindow.fire_input_event(null, 'window-event');
  assert.deepEqual(events(page).map((m) => [m[4], m[5], m[6]]),
    [['my-event', { a: 1 }, 2], [EventType.CLICK, null, 2], ['window-event', null, null]]);
  assert.throws(() => lonaWindow.fire_input_event(null, 999), /neither a name nor an event type/);
  assert.throws(() => lonaWindow.fire_input_event({}, 'x'), /needs an element/);
});

test('first content: the window adopts the page load\'s DOM and attaches to its view', () => {
  const body = '<div id="lona"><div data-lona-node-id="1"><!--2-->Hi</div></div>';
  const page = openPage({ body });
  Object.assign(Lona.settings, {
    first_content: { token: 'tok', version: 5, signature: signatureOf([[1, 1], [2, 0]]), title: 'First' },
  });
  page.context.setup();
  const adopted = document.querySelector('#lona').innerHTML;
  assert.equal(adopted, '<div>Hi</div>', 'markers removed');
  assert.equal(document.title, 'First');
  const socket = welcome(page);
  assert.deepEqual(socket.messages.at(-1), [C.VIEW, 1, 'http://app.test/', null, 'tok', 5]);
  socket.serverSends([S.VIEW_START, 1, 'v1', 5, 'http://app.test/', 'tok', true]);
  assert.equal(document.querySelector('#lona').innerHTML, '<div>Hi</div>', 'kept');
  socket.serverSends([S.PATCH, 1, 'v1', 6, [[Op.SET_TEXT, 2, 'Hello']]]);
  assert.equal(document.querySelector('#lona').innerHTML, '<div>Hello</div>');
});

test('clicks before the page\'s view is attached are sent once it is', () => {
  const body = '<div id="lona"><button data-lona-node-id="1" data-lona-events="301"></button></div>';
  const page = openPage({ body });
  Object.assign(Lona.settings, {
    first_content: { token: 'tok', version: 5, signature: signatureOf([[1, 0]]), title: null },
  });
  page.window.lonaEarlyEvents = () => [];
  page.context.setup();
  click('button'); // the socket is not even open
  const socket = welcome(page);
  assert.equal(socket.messages.filter((m) => m[0] === C.EVENT).length, 0);
  socket.serverSends([S.VIEW_START, 1, 'v1', 5, 'http://app.test/', 'tok', true]);
  const sent = socket.messages.filter((m) => m[0] === C.EVENT);
  assert.deepEqual(sent.map((m) => [m[2], m[4], m[6]]), [['v1', EventType.CLICK, 1]]);
});

test('an attach the server refuses starts the URL afresh', () => {
  const body = '<div id="lona"><p data-lona-node-id="1"></p></div>';
  const page = openPage({ body });
  Object.assign(Lona.settings, {
    first_content: { token: 'tok', version: 5, signature: signatureOf([[1, 0]]), title: null },
  });
  page.context.setup();
  const socket = welcome(page);
  const warn = console.warn;
  console.warn = () => {};
  try {
    socket.serverSends([S.ERROR, 1, null, null, ErrorCode.NOT_FOUND, 'no such view', null]);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(socket.messages.at(-1), [C.VIEW, 1, 'http://app.test/', null, null]);
});

// FNV-1a over (id, number of children) pairs, as lona/html/hydration.py computes it
function signatureOf(pairs) {
  let signature = 2166136261;
  for (const value of pairs.flat()) {
    signature = Math.imul(signature ^ value, 16777619) >>> 0;
  }
  return signature;
}

test('a posted form clears what its view showed at once; a plain navigation keeps it until the new view starts', () => {
  const page = runningPage(BUTTON);
  view(page).navigate('http://app.test/other');
  assert.equal(document.querySelectorAll('button').length, 1);
  view(page).navigate('http://app.test/', { q: 'x' });
  assert.equal(document.querySelector('#lona').innerHTML, '');
  assert.deepEqual(page.socket().messages.at(-1), [C.VIEW, 1, 'http://app.test/', { q: 'x' }, null]);
});

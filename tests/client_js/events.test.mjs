// client/events.js: DOM events in a window's root become input events,
// links and forms of the app navigate over the websocket.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { FakeEvent, installDom, mount } from './fake_dom.mjs';
import { EventBinder, parseEvents, valueOf } from '../../client/events.js';
import { EventType } from '../../client/protocol.js';

// What EventBinder calls on its window, recorded.
class RecordingWindow {
  constructor(root, url = 'http://app.test/shop/') {
    this.root = root;
    this.url = url;
    this.touched = new WeakSet();
    this.calls = [];
    this.context = { prefix: '/shop' };
  }

  fireEvent(type, data, node, target) { this.calls.push(['fire', type, data, node, target]); }

  debounce(element, delay, value) { this.calls.push(['debounce', delay, value()]); }

  flushDebounced() { this.calls.push(['flush']); }

  navigate(url, post = null) { this.calls.push(['navigate', url, post]); }

  isAppUrl(url) {
    return url.origin === 'http://app.test' && url.pathname.startsWith(this.context.prefix);
  }

  isAppLink(link) { return this.isAppUrl(new URL(link.href)); }
}

let root;
let lonaWindow;

function bind(html) {
  root = mount(`<div id="root">${html}</div>`);
  lonaWindow = new RecordingWindow(root);
  new EventBinder(lonaWindow, root);
}

function dispatch(selector, type, init = {}) {
  const event = new FakeEvent(type, init);
  document.querySelector(selector).dispatchEvent(event);
  return event;
}

beforeEach(() => {
  installDom('http://app.test/shop/');
});

test('parseEvents reads types and delays; ignored elements have none', () => {
  const element = mount('<input data-lona-events="301;302:250">');
  assert.deepEqual([...parseEvents(element)], [[301, 0], [302, 250]]);
  element.setAttribute('data-lona-ignore', '');
  assert.equal(parseEvents(element).size, 0);
  assert.equal(parseEvents(mount('<p></p>')).size, 0);
});

test('valueOf: text, toggles as booleans, selects as the indices chosen', () => {
  assert.equal(valueOf(mount('<input value="x">')), 'x');
  assert.equal(valueOf(mount('<input type="checkbox" checked>')), true);
  assert.equal(valueOf(mount('<input type="radio">')), false);
  const select = mount('<select multiple><option>a</option><option selected>b</option>'
    + '<option selected>c</option></select>');
  assert.deepEqual(valueOf(select), [1, 2]);
  assert.deepEqual(valueOf(mount('<select><option>a</option><option>b</option></select>')), [0]);
});

test('a click goes to the innermost element that listens to clicks', () => {
  bind('<div id="outer" data-lona-events="301"><span id="inner" data-lona-events="301">'
    + '<b id="text">x</b></span></div>');
  const event = dispatch('#text', 'click', { clientX: 15, clientY: 7, shiftKey: true });
  assert.equal(event.defaultPrevented, true);
  const [kind, type, data, node, target] = lonaWindow.calls[0];
  assert.equal(kind, 'fire');
  assert.equal(type, EventType.CLICK);
  assert.equal(node, document.querySelector('#inner'));
  assert.equal(target, document.querySelector('#text'));
  assert.equal(data.shift_key, true);
  assert.equal(data.x, 15);
  assert.equal(data.y, 7);
  assert.equal(lonaWindow.calls.length, 1);
});

test('a click on nothing that listens is the browser\'s', () => {
  bind('<p id="p">text</p>');
  assert.equal(dispatch('#p', 'click').defaultPrevented, false);
  assert.deepEqual(lonaWindow.calls, []);
});

test("links of the app navigate in the window; others are the browser's", () => {
  bind('<a id="in" href="/shop/item">in</a><a id="out" href="/admin">out</a>'
    + '<a id="ext" href="https://elsewhere.test/shop/">ext</a>');
  assert.equal(dispatch('#in', 'click').defaultPrevented, true);
  assert.deepEqual(lonaWindow.calls, [['navigate', 'http://app.test/shop/item', null]]);
  assert.equal(dispatch('#out', 'click').defaultPrevented, false);
  assert.equal(dispatch('#ext', 'click').defaultPrevented, false);
  assert.equal(lonaWindow.calls.length, 1);
});

test('a change fires at once without a delay; typing with a delay is debounced', () => {
  bind('<input id="now" data-lona-events="302" value="a"><input id="later" data-lona-events="302:300" value="b">');
  dispatch('#now', 'input');
  dispatch('#now', 'change');
  dispatch('#later', 'change');
  dispatch('#later', 'input');
  assert.deepEqual(lonaWindow.calls.map((c) => c.slice(0, 3)), [
    ['fire', EventType.CHANGE, 'a'],
    ['debounce', 300, 'b'],
  ]);
  assert.equal(lonaWindow.touched.has(document.querySelector('#later')), true);
});

test('focus and blur only where enabled', () => {
  bind('<input id="f" data-lona-events="304;305"><input id="plain">');
  dispatch('#f', 'focusin');
  dispatch('#f', 'focusout');
  dispatch('#plain', 'focusin');
  assert.deepEqual(lonaWindow.calls.map((c) => [c[1], c[2]]), [[EventType.FOCUS, []], [EventType.BLUR, []]]);
});

test('a GET form navigates with its fields in the query, after the typing waiting', () => {
  bind('<form id="f" action="/shop/search"><input name="q" value="tea"><input type="checkbox" name="c" value="1">'
    + '<input type="file" name="upload"></form>');
  const event = dispatch('#f', 'submit');
  assert.equal(event.defaultPrevented, true);
  assert.deepEqual(lonaWindow.calls, [['flush'], ['navigate', 'http://app.test/shop/search?q=tea', null]]);
});

test('a POST form sends its fields as post data; repeated names become lists', () => {
  bind('<form id="f" method="post"><input name="tag" value="a"><input name="tag" value="b">'
    + '<button name="go" value="save">Save</button></form>');
  dispatch('#f', 'submit', { submitter: document.querySelector('button') });
  assert.deepEqual(lonaWindow.calls.at(-1),
    ['navigate', 'http://app.test/shop/', { tag: ['a', 'b'], go: 'save' }]);
});

test("forms with files, other frames, other apps or data-lona-ignore are the browser's", () => {
  bind('<form id="files" enctype="multipart/form-data"></form><form id="frame" target="other"></form>'
    + '<form id="away" action="/admin"></form><form id="ignored" data-lona-ignore></form>');
  for (const id of ['#files', '#frame', '#away', '#ignored']) {
    assert.equal(dispatch(id, 'submit').defaultPrevented, false, id);
  }
  assert.deepEqual(lonaWindow.calls, []);
});

test('replay: an early click reaches the view without navigating again', () => {
  bind('<a id="a" href="/shop/x" data-lona-events="301">x</a><input id="i" data-lona-events="302" value="v">');
  const binder = new EventBinder(lonaWindow, root);
  lonaWindow.calls = [];
  const click = new FakeEvent('click');
  click.target = document.querySelector('#a');
  binder.replay(click);
  const change = new FakeEvent('change');
  change.target = document.querySelector('#i');
  binder.replay(change);
  assert.deepEqual(lonaWindow.calls.map((c) => [c[0], c[1]]),
    [['fire', EventType.CLICK], ['fire', EventType.CHANGE]]);
});

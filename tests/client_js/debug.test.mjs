// client/debug.js: the debug panel (DEBUG messages) and live reload's errors.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';

import { clockPerTest } from './clock.mjs';
import { FakeEvent, installDom } from './fake_dom.mjs';
import { DebugPanel } from '../../client/debug.js';

const clock = clockPerTest();

beforeEach(() => {
  installDom();
});

afterEach(() => {
  delete globalThis.fetch;
});

const part = (name) => document.querySelector(`[data-lona-debug="${name}"]`).textContent;

test('a report shows as text, the newest one, with the count; Escape closes it', () => {
  const panel = new DebugPanel({ page: {}, prefix: '/' });
  panel.show({ title: 'ValueError', where: 'views.py:3', traceback: '<script>x</script>' });
  panel.show({ title: 'KeyError', where: null, traceback: 'Traceback ...' });
  assert.equal(part('title'), 'KeyError');
  assert.equal(part('where'), '');
  assert.equal(part('count'), '(2 errors; this is the last)');
  assert.equal(document.querySelectorAll('#lona-debug script').length, 0);
  document.dispatchEvent(new FakeEvent('keydown', { key: 'Enter' }));
  assert.notEqual(document.getElementById('lona-debug'), null);
  document.dispatchEvent(new FakeEvent('keydown', { key: 'Escape' }));
  assert.equal(document.getElementById('lona-debug'), null);
});

test('the close button closes it', () => {
  const panel = new DebugPanel({ page: {}, prefix: '/' });
  panel.show({ title: 'E', where: 'x', traceback: 't' });
  assert.equal(part('where'), 'in x');
  document.querySelector('#lona-debug button').dispatchEvent(new FakeEvent('click'));
  assert.equal(document.getElementById('lona-debug'), null);
});

test("live reload: while disconnected the server's start error shows, until it runs", async () => {
  const asked = [];
  let answer = { error: 'SyntaxError: invalid syntax' };
  globalThis.fetch = async (url) => {
    asked.push(url);
    return { headers: { get: () => 'application/json' }, json: async () => answer };
  };
  const panel = new DebugPanel({ page: { live_reload: true }, prefix: '/app/' });
  panel.connectionLost();
  panel.connectionLost(); // one poller only
  await new Promise(setImmediate);
  assert.deepEqual(asked, ['/app/_lona/reload-error']);
  assert.equal(part('traceback'), 'SyntaxError: invalid syntax');
  assert.match(part('note'), /Live reload/);
  answer = {};
  clock.tick(1000);
  await new Promise(setImmediate);
  assert.equal(asked.length, 2);
  panel.connected();
  assert.equal(document.getElementById('lona-debug'), null);
  clock.tick(5000);
  assert.equal(asked.length, 2, 'no more polling once connected');
});

test('without live reload a lost connection asks nothing', () => {
  globalThis.fetch = () => assert.fail('asked');
  const panel = new DebugPanel({ page: { live_reload: false }, prefix: '/' });
  panel.connectionLost();
  clock.tick(5000);
});

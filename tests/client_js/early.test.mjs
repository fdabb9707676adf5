// client/early.js: the inline script that keeps the events made before the client ran.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';
import vm from 'node:vm';

import { FakeEvent, installDom, mount } from './fake_dom.mjs';

const SOURCE = readFileSync(new URL('../../client/early.js', import.meta.url), 'utf8');

beforeEach(() => {
  installDom();
  vm.runInThisContext(SOURCE); // as the page runs it: a classic script
});

test('events are recorded until the client takes them, then no more', () => {
  const input = mount('<input>');
  input.dispatchEvent(new FakeEvent('input'));
  input.dispatchEvent(new FakeEvent('focusin'));
  const taken = window.lonaEarlyEvents();
  assert.deepEqual(taken.map((event) => event.type), ['input', 'focusin']);
  input.dispatchEvent(new FakeEvent('change'));
  assert.deepEqual(window.lonaEarlyEvents(), []);
  assert.equal(taken.length, 2);
});

test("a click on a node with a click handler is kept from its default action; others are not", () => {
  const form = mount('<form><button data-lona-events="302;301"><b>Go</b></button>'
    + '<button data-lona-events="301" data-lona-ignore>Plain</button><a href="/x">x</a></form>');
  const onHandler = new FakeEvent('click');
  form.querySelector('b').dispatchEvent(onHandler);
  assert.equal(onHandler.defaultPrevented, true);
  for (const selector of ['[data-lona-ignore]', 'a']) {
    const event = new FakeEvent('click');
    form.querySelector(selector).dispatchEvent(event);
    assert.equal(event.defaultPrevented, false, selector);
  }
  assert.equal(window.lonaEarlyEvents().length, 3);
});

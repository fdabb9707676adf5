// client/busy.js: pending elements, data-lona-disable(-with), the progress indicator.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { clockPerTest } from './clock.mjs';
import { installDom, mount } from './fake_dom.mjs';
import { BusyElements, ProgressIndicator } from '../../client/busy.js';

const clock = clockPerTest();

beforeEach(() => {
  installDom();
});

test('an element is pending until every event it fired is answered', () => {
  const button = mount('<button>Save</button>');
  const busy = new BusyElements();
  busy.started(1, button);
  busy.started(2, button);
  assert.equal(button.getAttribute('class'), 'lona-pending');
  assert.equal(button.getAttribute('aria-busy'), 'true');
  assert.equal(busy.refuses(button), false, 'only data-lona-disable refuses');
  busy.finished(1);
  assert.equal(button.classList.contains('lona-pending'), true);
  busy.finished(2);
  busy.finished(2);
  assert.equal(button.classList.contains('lona-pending'), false);
  assert.equal(button.hasAttribute('aria-busy'), false);
});

test('data-lona-disable-with refuses events and shows its text meanwhile', () => {
  const button = mount('<button data-lona-disable-with="Saving…">Save</button>');
  const busy = new BusyElements();
  busy.started(1, button);
  assert.equal(button.textContent, 'Saving…');
  assert.equal(button.getAttribute('aria-disabled'), 'true');
  assert.equal(busy.refuses(button), true);
  busy.finishAll();
  assert.equal(button.textContent, 'Save');
  assert.equal(button.hasAttribute('aria-disabled'), false);
  assert.equal(busy.refuses(button), false);
});

test("a text the server changed meanwhile stands; an element of several texts keeps them", () => {
  const button = mount('<button data-lona-disable-with="…">Save</button>');
  const busy = new BusyElements();
  busy.started(1, button);
  button.firstChild.data = 'Saved';
  busy.finished(1);
  assert.equal(button.textContent, 'Saved');
  const mixed = mount('<button data-lona-disable-with="…"><b>S</b>ave</button>');
  busy.started(2, mixed);
  assert.equal(mixed.textContent, 'Save');
});

test('events of no element (the window, a legacy anchor) mark nothing', () => {
  const busy = new BusyElements();
  busy.started(1, null);
  busy.started(2, document.createComment('anchor'));
  busy.finishAll();
  assert.equal(busy.byEvent.size, 0);
});

test("the progress indicator shows after the delay, in the page's element or its own", () => {
  const context = { page: { progress_delay: 0.3 } };
  const progress = new ProgressIndicator(context);
  progress.update(1);
  clock.tick(299);
  assert.equal(document.getElementById('lona-progress'), null);
  clock.tick(1);
  const bar = document.getElementById('lona-progress');
  assert.equal(bar.getAttribute('role'), 'progressbar');
  assert.equal(document.documentElement.classList.contains('lona-progress'), true);
  progress.update(0);
  assert.equal(bar.hidden, true);
  assert.equal(document.documentElement.classList.contains('lona-progress'), false);

  installDom();
  const own = mount('<div id="lona-progress" hidden>Working</div>');
  const second = new ProgressIndicator(context);
  second.update(2);
  clock.tick(300);
  assert.equal(own.hidden, false);
  assert.equal(document.querySelectorAll('#lona-progress').length, 1);
});

test('a progress delay of 0 shows nothing; events answered in time show nothing', () => {
  const off = new ProgressIndicator({ page: { progress_delay: 0 } });
  off.update(1);
  clock.tick(10000);
  const quick = new ProgressIndicator({ page: {} }); // the default: 0.3 s
  quick.update(1);
  clock.tick(200);
  quick.update(0);
  clock.tick(10000);
  assert.equal(document.getElementById('lona-progress'), null);
});

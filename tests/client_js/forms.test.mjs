// client/forms.js: what the user typed survives a view that starts afresh.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { installDom, mount } from './fake_dom.mjs';
import { restore, snapshot } from '../../client/forms.js';
import { EventType } from '../../client/protocol.js';

const FORM = '<form>'
  + '<input id="title" value="rendered">'
  + '<input name="tag" value=""><input name="tag" value="">'
  + '<input type="checkbox" name="agree">'
  + '<input type="radio" name="size" value="s" checked><input type="radio" name="size" value="l">'
  + '<select name="pick"><option selected>a</option><option>b</option></select>'
  + '<textarea name="note">server text</textarea>'
  + '<input type="password" name="pw"><input type="hidden" name="h" value="x">'
  + '</form>';

function fieldsOf(root) {
  return {
    title: root.querySelector('#title'),
    tags: root.querySelectorAll('[name="tag"]'),
    agree: root.querySelector('[name="agree"]'),
    large: root.querySelector('[value="l"]'),
    pick: root.querySelector('select'),
    note: root.querySelector('textarea'),
    pw: root.querySelector('[name="pw"]'),
  };
}

function recordingWindow(root) {
  return {
    root,
    touched: new WeakSet(),
    fired: [],
    fireEvent(type, data, node) { this.fired.push([type, data, node]); },
  };
}

beforeEach(() => {
  installDom();
});

test('a snapshot has the values the user gave, keyed by id or by name and position', () => {
  const root = mount(FORM);
  const f = fieldsOf(root);
  const touched = new WeakSet();
  f.tags[1].value = 'second';
  f.agree.checked = true;
  f.large.checked = true;
  f.pick.options[1].selected = true;
  f.note.value = 'typed';
  touched.add(f.note);
  f.pw.value = 'secret';
  const values = snapshot(root, touched);
  assert.deepEqual(Object.fromEntries(values), {
    'name:INPUT:tag:1': 'second',
    'name:INPUT:agree:0': true,
    'radio:size=s:0': false,
    'radio:size=l:0': true,
    'name:SELECT:pick:0': [1],
    'name:TEXTAREA:note:0': 'typed',
  });
});

test('values the view rendered are not the user\'s, unless the user touched the field', () => {
  const root = mount(FORM);
  assert.equal(snapshot(root, new WeakSet()).size, 0);
  const touched = new WeakSet([fieldsOf(root).title]);
  assert.deepEqual([...snapshot(root, touched)], [['#title', 'rendered']]);
});

test('restore puts each value into the new field and sends the CHANGE the view listens to', () => {
  const old = mount(FORM);
  const f = fieldsOf(old);
  f.title.value = 'typed title';
  f.tags[1].value = 'second';
  f.large.checked = true;
  f.pick.options[1].selected = true;
  const values = snapshot(old, new WeakSet());
  const fresh = mount(FORM.replace('<input id="title"', '<input id="title" data-lona-events="302"'));
  const lonaWindow = recordingWindow(fresh);
  restore(lonaWindow, values);
  const g = fieldsOf(fresh);
  assert.equal(g.title.value, 'typed title');
  assert.equal(g.tags[0].value, '');
  assert.equal(g.tags[1].value, 'second');
  assert.equal(g.large.checked, true);
  assert.equal(fresh.querySelector('[value="s"]').checked, false);
  assert.deepEqual(g.pick.options.map((o) => o.selected), [false, true]);
  assert.deepEqual(lonaWindow.fired, [[EventType.CHANGE, 'typed title', g.title]]);
  assert.equal(lonaWindow.touched.has(g.title), true);
});

test('a value the new view already shows is left alone; nothing happens without values', () => {
  const root = mount('<input id="a" data-lona-events="302" value="same">');
  const lonaWindow = recordingWindow(root);
  restore(lonaWindow, new Map([['#a', 'same']]));
  restore(lonaWindow, new Map());
  assert.deepEqual(lonaWindow.fired, []);
});

test('a single select with no option marked shows its first one: not a choice of the user', () => {
  const root = mount('<form><select name="plain"><option>a</option><option>b</option></select></form>');
  const select = root.querySelector('select');
  assert.deepEqual(Object.fromEntries(snapshot(root, new WeakSet())), {});
  select.options[1].selected = true;
  assert.deepEqual(Object.fromEntries(snapshot(root, new WeakSet())), { 'name:SELECT:plain:0': [1] });
});

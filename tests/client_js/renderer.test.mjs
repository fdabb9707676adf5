// client/renderer.js: node specs into the DOM, patches onto it.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { installDom, mount } from './fake_dom.mjs';
import { Op } from '../../client/protocol.js';
import { RenderError, Renderer } from '../../client/renderer.js';

// What the renderer tells its widgets, recorded.
class RecordingWidgets {
  constructor() {
    this.calls = [];
  }

  declare(key, name, data) { this.calls.push(['declare', name, data]); }

  setupNew() { this.calls.push(['setupNew']); }

  destroy(key) { if (key.nodeType === 1) { this.calls.push(['destroy', key.localName]); } }

  destroyAll() { this.calls.push(['destroyAll']); }

  replaceData(key, data) { this.calls.push(['replaceData', data]); }

  changeData(key, code, path, value) { this.calls.push(['changeData', code, path, value]); }

  runUpdateHooks() { this.calls.push(['runUpdateHooks']); }
}

let root;
let widgets;
let renderer;

beforeEach(() => {
  installDom();
  root = mount('<div id="lona"></div>');
  widgets = new RecordingWidgets();
  renderer = new Renderer(root, widgets);
});

const LIST = [1, 'ul', { class: 'items' }, [[2, 'li', {}, [[3, 'one']]], [4, 'li', {}, [[5, 'two']]]]];

test('a tree becomes elements, attributes and text; text is never markup', () => {
  renderer.renderTree([1, 'p', { title: '"q"', 'data-x': '1' }, [[2, '<b>bold?</b> & more']]]);
  assert.equal(root.innerHTML, '<p title="&quot;q&quot;" data-x="1">&lt;b&gt;bold?&lt;/b&gt; &amp; more</p>');
  assert.equal(root.querySelectorAll('b').length, 0);
  assert.equal(renderer.idOf(root.firstChild), 1);
  assert.equal(renderer.node(2), root.firstChild.firstChild);
});

test('SVG elements are made in their namespace', () => {
  const svg = 'http://www.w3.org/2000/svg';
  renderer.renderTree([1, 'svg', {}, [[2, 'circle', { r: '3' }, [], svg]], svg]);
  assert.equal(renderer.node(2).namespaceURI, svg);
});

test('form values go into the live properties too', () => {
  renderer.renderTree([1, 'form', {}, [
    [2, 'input', { value: 'v' }, []],
    [3, 'input', { type: 'checkbox', checked: 'true' }, []],
    [4, 'textarea', { value: 'text' }, []],
  ]]);
  const input = renderer.node(2);
  input.value = 'typed';
  renderer.apply([[Op.SET_ATTR, 2, 'value', 'server']]);
  assert.equal(input.value, 'server', 'the server\'s value replaces the typed one');
  assert.equal(renderer.node(3).checked, true);
  renderer.apply([[Op.REMOVE_ATTR, 3, 'checked'], [Op.REMOVE_ATTR, 2, 'value']]);
  assert.equal(renderer.node(3).checked, false);
  assert.equal(input.value, '');
  assert.equal(renderer.node(4).value, 'text');
});

test('patches insert, set text and attributes, remove and clear', () => {
  renderer.renderTree(LIST);
  renderer.apply([
    [Op.INSERT, 1, 1, [6, 'li', {}, [[7, 'middle']]]],
    [Op.SET_TEXT, 3, 'first'],
    [Op.SET_ATTR, 1, 'class', 'changed'],
    [Op.REMOVE, 4],
  ]);
  assert.equal(root.innerHTML, '<ul class="changed"><li>first</li><li>middle</li></ul>');
  assert.throws(() => renderer.node(5), RenderError, 'a removed subtree is forgotten');
  renderer.apply([[Op.CLEAR, 1]]);
  assert.equal(root.innerHTML, '<ul class="changed"></ul>');
  assert.throws(() => renderer.node(6), RenderError);
});

test('a node removed and inserted again in one patch moves, keeping its id', () => {
  renderer.renderTree(LIST);
  const second = renderer.node(4);
  renderer.apply([[Op.REMOVE, 4], [Op.INSERT, 1, 0, 4]]);
  assert.equal(root.innerHTML, '<ul class="items"><li>two</li><li>one</li></ul>');
  assert.equal(renderer.node(4), second);
  assert.equal(renderer.node(5).data, 'two');
});

test('unknown ids and operations are errors, not guesses', () => {
  renderer.renderTree(LIST);
  assert.throws(() => renderer.apply([[Op.SET_TEXT, 42, 'x']]), /unknown node id 42/);
  assert.throws(() => renderer.apply([[99, 1]]), /unknown patch operation 99/);
  assert.throws(() => renderer.renderTree([1, 'div', {}, [[2, '', {}, []]]]), /fragment/);
});

test('a legacy widget at the root is a fragment: its children fill the window', () => {
  renderer.renderTree([1, '', {}, [[2, 'a'], [3, 'b', {}, []]], null, 'Legacy', { n: 1 }]);
  assert.equal(root.innerHTML, 'a<b></b>');
  assert.equal(renderer.idOf(root), 1);
  assert.deepEqual(widgets.calls.filter((c) => c[0] === 'declare'), [['declare', 'Legacy', { n: 1 }]]);
  renderer.renderTree([5, 'p', {}, []]);
  assert.equal(renderer.idOf(root), undefined, 'the window\'s element is no node of the new tree');
});

test('legacy widget markers are comments; widget data changes go to the widgets', () => {
  renderer.renderTree([1, 'div', {}, [[2, null, 'lona-widget:2', 'Chart', { p: [] }], [3, 'x']]]);
  assert.equal(root.innerHTML, '<div><!--lona-widget:2-->x</div>');
  renderer.apply([[Op.WIDGET_DATA, 2, { p: [1] }], [Op.DATA_INSERT, 2, ['p', 0], 5]]);
  assert.deepEqual(widgets.calls.slice(-4), [
    ['replaceData', { p: [1] }], ['changeData', Op.DATA_INSERT, ['p', 0], 5],
    ['setupNew'], ['runUpdateHooks'],
  ]);
});

test('renderHtml shows a string as HTML; clear empties the window', () => {
  renderer.renderTree(LIST);
  renderer.renderHtml('<h1>Hello</h1>');
  assert.equal(root.innerHTML, '<h1>Hello</h1>');
  assert.equal(renderer.nodes.size, 0);
  renderer.clear();
  assert.equal(root.childNodes.length, 0);
});

test('forgetAll drops every id and leaves the DOM', () => {
  renderer.renderTree(LIST);
  const html = root.innerHTML;
  renderer.forgetAll();
  assert.equal(root.innerHTML, html);
  assert.equal(renderer.idOf(root.firstChild), undefined);
  assert.throws(() => renderer.node(1), RenderError);
});

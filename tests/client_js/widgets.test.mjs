// client/widgets.js: the widget registry, both of Lona's widget APIs, widget
// data, legacy widgets, the window shim.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { installDom, mount } from './fake_dom.mjs';
import { Op } from '../../client/protocol.js';
import { registerWidgetClass, widgetClasses, Widgets, WindowShim } from '../../client/widgets.js';

let log;
let lonaWindow;
let widgets;

// Speaks both APIs and records what it is told.
class BothApis {
  constructor(shim, rootNode, widgetData) {
    this.shim = shim;
    log.push(['constructor', rootNode.localName ?? rootNode.nodeType, widgetData.data]);
  }

  setup() { log.push(['setup', this.root_node === this.nodes[0], this.data]); }

  onDataUpdated(widgetData) { log.push(['onDataUpdated', widgetData.data]); }

  data_updated() { log.push(['data_updated', this.data]); }

  destroy() { log.push(['destroy']); }

  deconstruct() { log.push(['deconstruct']); }
}

beforeEach(() => {
  installDom();
  log = [];
  const root = mount('<div id="lona"></div>');
  lonaWindow = {
    root,
    context: { name: 'context' },
    fired: [],
    fire_input_event(...args) { this.fired.push(args); },
    set_html(html) { this.html = html; },
  };
  widgets = new Widgets(lonaWindow);
  registerWidgetClass('test.Both', BothApis);
});

function declared(name, data, html = '<canvas></canvas>') {
  lonaWindow.root.innerHTML = html;
  const element = lonaWindow.root.firstChild;
  widgets.declare(element, name, data);
  return element;
}

test('a widget starts once its node is in the page, with a copy of its data', () => {
  const data = { points: [1, 2] };
  const element = document.createElement('canvas');
  widgets.declare(element, 'test.Both', data);
  widgets.setupNew();
  assert.deepEqual(log, [], 'not in the page yet');
  lonaWindow.root.appendChild(element);
  widgets.setupNew();
  widgets.setupNew();
  assert.deepEqual(log, [['constructor', 'canvas', { points: [1, 2] }], ['setup', true, { points: [1, 2] }]]);
  const instance = widgets.instances.get(element).object;
  instance.data.points.push(3);
  assert.deepEqual(data.points, [1, 2], 'the widget has its own copy');
});

test('data changes reach the widget once per message, through both APIs', () => {
  const element = declared('test.Both', { points: [1], title: 'a' });
  widgets.setupNew();
  log = [];
  widgets.changeData(element, Op.DATA_INSERT, ['points', 0], 0);
  widgets.changeData(element, Op.DATA_SET, ['title'], 'b');
  widgets.changeData(element, Op.DATA_REMOVE, ['points', 1], null);
  widgets.runUpdateHooks();
  widgets.runUpdateHooks();
  const expected = { points: [0], title: 'b' };
  assert.deepEqual(log, [['onDataUpdated', expected], ['data_updated', expected]]);
  widgets.replaceData(element, { other: true });
  widgets.runUpdateHooks();
  assert.deepEqual(log.at(-1), ['data_updated', { other: true }]);
});

test('a class registered late sets up the widgets waiting for it, once', () => {
  const warn = console.warn;
  const warnings = [];
  console.warn = (text) => warnings.push(text);
  try {
    declared('test.Late', { n: 1 });
    widgets.setupNew();
    widgets.setupNew();
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, ['lona: no widget class registered as test.Late (yet)']);
  class Late extends BothApis {}
  registerWidgetClass('test.Late', Late);
  assert.equal(widgetClasses['test.Late'], Late);
  assert.deepEqual(log.map((entry) => entry[0]), ['constructor', 'setup']);
  registerWidgetClass('test.Late', Late);
  assert.equal(log.length, 2);
});

test('destroying calls destroy and deconstruct and forgets the widget', () => {
  const element = declared('test.Both', {});
  widgets.setupNew();
  widgets.destroyAll();
  assert.deepEqual(log.slice(-2), [['destroy'], ['deconstruct']]);
  widgets.changeData(element, Op.DATA_SET, ['x'], 1);
  widgets.runUpdateHooks();
  assert.equal(log.length, 4, 'no updates for a destroyed widget');
});

test('a legacy widget gets the nodes up to its closing comment as its nodes', () => {
  lonaWindow.root.innerHTML = '<!--lona-widget:1--><b>x</b><!--lona-widget:2--><i></i>'
    + '<!--end-lona-widget:2-->y<!--end-lona-widget:1--><p>after</p>';
  const anchor = lonaWindow.root.firstChild;
  widgets.declare(anchor, 'test.Both', {});
  widgets.setupNew();
  const nodes = widgets.instances.get(anchor).object.nodes;
  assert.deepEqual(nodes.map((node) => node.localName ?? node.data),
    ['b', 'lona-widget:2', 'i', 'end-lona-widget:2', 'y']);
});

test('a legacy widget at the root gets the window element\'s children', () => {
  lonaWindow.root.innerHTML = '<b></b>text';
  widgets.declare(lonaWindow.root, 'test.Both', {});
  widgets.setupNew();
  const object = widgets.instances.get(lonaWindow.root).object;
  assert.equal(object.nodes.length, 2);
  assert.equal(object.root_node.localName, 'b');
});

test("the window shim: fire_input_event defaults to the widget's node", () => {
  const element = declared('test.Both', {});
  widgets.setupNew();
  const shim = widgets.instances.get(element).object.shim;
  assert.ok(shim instanceof WindowShim);
  assert.equal(shim.root_node, lonaWindow.root);
  assert.equal(shim.lona_context, lonaWindow.context);
  shim.fire_input_event(null, 'picked', { i: 1 });
  shim.set_html('<p>x</p>');
  assert.deepEqual(lonaWindow.fired, [[element, 'picked', { i: 1 }, undefined]]);
  assert.equal(lonaWindow.html, '<p>x</p>');
});

test("Lona's RawHtmlWidget sets its content as HTML", () => {
  const element = declared('lona.RawHtmlWidget', { inner_html: '<em>hi</em>' }, '<div></div>');
  widgets.setupNew();
  assert.equal(element.innerHTML, '<em>hi</em>');
  widgets.replaceData(element, { inner_html: '' });
  widgets.runUpdateHooks();
  assert.equal(element.innerHTML, '');
});

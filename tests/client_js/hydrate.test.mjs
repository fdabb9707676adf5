// client/hydrate.js: adopting the HTML the server rendered for the page's
// first view.  Besides the cases here, the pytest runner (tests/test_client_js.py)
// hands in HTML and signatures the server renders (LONA_HYDRATION_FIXTURES),
// so that the client and lona/html/hydration.py are checked against each other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';

import { installDom, mount } from './fake_dom.mjs';
import { adopt } from '../../client/hydrate.js';
import { Renderer } from '../../client/renderer.js';

class RecordingWidgets {
  constructor() {
    this.declared = [];
    this.setups = 0;
  }

  declare(key, name, data) { this.declared.push([key, name, data]); }

  setupNew() { this.setups += 1; }

  destroyAll() { this.declared = []; }
}

// FNV-1a over (id, number of children) pairs in document order (docs/protocol.md)
function signatureOf(pairs) {
  let signature = 2166136261;
  for (const value of pairs.flat()) {
    signature = Math.imul(signature ^ value, 16777619) >>> 0;
  }
  return signature;
}

let root;
let renderer;

function page(html) {
  root = mount(`<div id="lona">${html}</div>`);
  renderer = new Renderer(root, new RecordingWidgets());
}

function markers(node) {
  const found = [];
  for (const element of node.querySelectorAll('*')) {
    found.push(...[...element.attributes.keys()].filter((name) => name.startsWith('data-lona-')
      && name !== 'data-lona-events'));
  }
  return found;
}

beforeEach(() => {
  installDom();
});

test('adopting registers every node, turns markers into text nodes and removes them', () => {
  page('<div data-lona-node-id="1"><!--2-->a<!--3--><!--4-->b<p data-lona-node-id="5"></p></div>');
  const signature = signatureOf([[1, 4], [2, 0], [3, 0], [4, 0], [5, 0]]);
  assert.equal(adopt(renderer, root, signature), true);
  assert.equal(root.innerHTML, '<div>ab<p></p></div>');
  const div = root.firstChild;
  assert.equal(div.childNodes.length, 4, 'the empty text the parser dropped is back');
  assert.equal(renderer.node(3).data, '');
  assert.equal(renderer.node(4).data, 'b');
  assert.equal(renderer.node(5), div.lastChild);
  assert.equal(renderer.widgets.setups, 1);
});

test('a signature that differs adopts nothing', () => {
  page('<div data-lona-node-id="1"><!--2-->a</div>');
  assert.equal(adopt(renderer, root, signatureOf([[1, 2], [2, 0]])), false);
  assert.equal(renderer.nodes.size, 0);
  assert.equal(renderer.idOf(root.firstChild), undefined);
});

test('foreign DOM nodes (the parser added them) change the signature', () => {
  page('<table data-lona-node-id="1"><tbody><tr data-lona-node-id="2"></tr></tbody></table>');
  assert.equal(adopt(renderer, root, signatureOf([[1, 1], [2, 0]])), false);
});

test('raw content is one node; widgets are declared with their data', () => {
  page('<div data-lona-node-id="1" data-lona-raw data-lona-widget="W" '
    + 'data-lona-widget-data="{&quot;a&quot;: 1}"><b>raw</b></div>');
  assert.equal(adopt(renderer, root, signatureOf([[1, 0]])), true);
  assert.deepEqual(renderer.widgets.declared.map(([key, name, data]) => [key, name, data]),
    [[root.firstChild, 'W', { a: 1 }]]);
  assert.deepEqual(markers(root), []);
});

test('a fragment gives the window element its id', () => {
  page('<!--lona-fragment:7--><span data-lona-node-id="8"></span><!--9-->t');
  assert.equal(adopt(renderer, root, signatureOf([[7, 2], [8, 0], [9, 0]])), true);
  assert.equal(renderer.idOf(root), 7);
  assert.equal(root.innerHTML, '<span></span>t');
});

test('the early-events script goes; content that is no single node tree is refused', () => {
  page('<script data-lona-early>record()</script><p data-lona-node-id="1"></p>');
  assert.equal(adopt(renderer, root, signatureOf([[1, 0]])), true);
  assert.equal(root.innerHTML, '<p></p>');
  page('<p data-lona-node-id="1"></p><p data-lona-node-id="2"></p>');
  assert.equal(adopt(renderer, root, signatureOf([[1, 0]])), false);
  page('<p></p>');
  assert.equal(adopt(renderer, root, signatureOf([[1, 0]])), false);
});

// Skipped only when run by hand: the pytest runner always hands the cases in
// and fails on any skipped test.
const FIXTURES = process.env.LONA_HYDRATION_FIXTURES;
const BY_HAND = FIXTURES ? false : 'the server renders these cases: run tests/test_client_js.py';

test("the server's rendered HTML is adopted with the server's signature", { skip: BY_HAND }, () => {
  const cases = JSON.parse(readFileSync(FIXTURES, 'utf8'));
  assert.ok(cases.length > 0);
  for (const { name, html, signature } of cases) {
    page(html);
    const ids = root.querySelectorAll('[data-lona-node-id]')
      .map((element) => Number(element.getAttribute('data-lona-node-id')));
    assert.equal(adopt(renderer, root, signature), true, name);
    for (const id of ids) {
      assert.equal(renderer.idOf(renderer.node(id)), id, `${name}: node ${id}`);
    }
    assert.deepEqual(markers(root), [], `${name}: markers left`);
    page(html);
    assert.equal(adopt(renderer, root, (signature + 1) >>> 0), false, `${name}: another signature`);
  }
});

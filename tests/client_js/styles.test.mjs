// client/styles.js: the client's stylesheet, linked once.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { installDom } from './fake_dom.mjs';
import { ensureStyles } from '../../client/styles.js';

beforeEach(() => {
  installDom();
});

test("lona.css next to the client is linked once, also where the template links it", () => {
  ensureStyles();
  ensureStyles();
  const links = document.querySelectorAll('link[rel="stylesheet"]');
  assert.equal(links.length, 1);
  assert.equal(links[0].href, new URL('../../client/lona.css', import.meta.url).href);
  installDom();
  document.head.innerHTML = `<link rel="stylesheet" href="${links[0].href}">`;
  ensureStyles();
  assert.equal(document.querySelectorAll('link').length, 1);
});

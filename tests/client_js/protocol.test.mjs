// client/protocol.js: the code tables (tests/core/test_protocol_tables.py
// checks them against the server's; here: what the client relies on).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as protocol from '../../client/protocol.js';

test('every table is frozen and its codes are distinct', () => {
  for (const [name, table] of Object.entries(protocol)) {
    assert.equal(Object.isFrozen(table), true, name);
    const codes = Object.values(table);
    assert.equal(new Set(codes).size, codes.length, `${name} has a code twice`);
    assert.ok(codes.every(Number.isInteger), name);
  }
});

test("the client speaks protocol 2 and Lona's input event numbers", () => {
  assert.equal(protocol.PROTOCOL.VERSION, 2);
  assert.deepEqual(protocol.EventType, { CLICK: 301, CHANGE: 302, CUSTOM: 303, FOCUS: 304, BLUR: 305 });
});

// client/mixin.js: methods of one class spread over modules by concept.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mixin } from '../../client/mixin.js';

test('methods and getters of the sources become the target\'s own, as class methods are', () => {
  class Target {
    constructor() { this.n = 2; }

    own() { return 'own'; }
  }
  class Double {
    double() { return this.n * 2; }

    get half() { return this.n / 2; }
  }
  mixin(Target, Double);
  const target = new Target();
  assert.equal(target.double(), 4);
  assert.equal(target.half, 1);
  assert.equal(target.own(), 'own');
  assert.deepEqual(Object.keys(Target.prototype), [], 'not enumerable');
  assert.equal(Target.prototype.constructor, Target);
});

test('a name defined twice fails at once', () => {
  class Target { same() {} }
  class Source { same() {} }
  assert.throws(() => mixin(Target, Source), /Target\.same is defined twice/);
});

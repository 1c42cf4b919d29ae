// Unit tests of static/js/widget.js under `node --test` (run by tests/unit/test_node.py),
// with the little of the DOM a widget's construction touches.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document ??= /** @type {any} */ ({
  createElement: (tag) => ({ tagName: tag, className: '', style: {}, dataset: {},
    classList: { add() {}, toggle() {} }, appendChild() {} }),
});

const { Widget } = await import('../../pgwidgets/static/js/widget.js');

test('a subclass with class fields sees them set when build runs, and keeps what build made', () => {
  class Listy extends Widget {
    items = ['field'];
    seen = null;
    build(args) {
      this.seen = [...this.items];
      this.items.push(...args);
    }
  }
  const w = Listy.create(/** @type {any} */ ({}), 1, ['built']);
  assert.deepEqual(w.seen, ['field']);
  assert.deepEqual(w.items, ['field', 'built']);
  assert.equal(w.$el.className, 'pgw-widget pgw-listy');
});

test('create builds once, with the arguments and options given', () => {
  const calls = [];
  class Once extends Widget {
    build(args, options) { calls.push([args, options]); }
  }
  const w = Once.create(/** @type {any} */ ({}), 2, [1], { a: 1 });
  assert.deepEqual(calls, [[[1], { a: 1 }]]);
  assert.equal(w.wid, 2);
  assert.equal(w.options.a, 1);
});

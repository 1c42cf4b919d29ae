// Unit tests of static/js/helpers/pointer-drag.js under `node --test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { followDrag } from '../../pgwidgets/static/js/helpers/pointer-drag.js';

/** An element stand-in: an EventTarget that records pointer capture. */
class Target extends EventTarget {
  captured = new Set();
  setPointerCapture(id) { this.captured.add(id); }
  hasPointerCapture(id) { return this.captured.has(id); }
  releasePointerCapture(id) { this.captured.delete(id); }
}

const pointer = (type, pointerId, clientX = 0, clientY = 0) =>
  Object.assign(new Event(type), { pointerId, clientX, clientY });

test('follows moves of the pressing pointer, then ends once on release', () => {
  const t = new Target();
  const moves = [];
  const ends = [];
  followDrag(/** @type {any} */ (t), pointer('pointerdown', 1, 10, 20), {
    onMove: (_e, dx, dy) => moves.push([dx, dy]),
    onEnd: (e, cancelled) => ends.push([e.type, cancelled]),
  });
  assert.ok(t.hasPointerCapture(1));
  t.dispatchEvent(pointer('pointermove', 1, 15, 18));
  t.dispatchEvent(pointer('pointermove', 2, 99, 99)); // another finger: ignored
  t.dispatchEvent(pointer('pointerup', 1, 15, 18));
  t.dispatchEvent(pointer('lostpointercapture', 1)); // follows every release: no second end
  t.dispatchEvent(pointer('pointermove', 1, 50, 50)); // after the end: ignored
  assert.deepEqual(moves, [[5, -2]]);
  assert.deepEqual(ends, [['pointerup', false]]);
  assert.ok(!t.hasPointerCapture(1));
});

test('a cancelled pointer or a lost capture ends the drag as cancelled', () => {
  for (const type of ['pointercancel', 'lostpointercapture']) {
    const t = new Target();
    const ends = [];
    followDrag(/** @type {any} */ (t), pointer('pointerdown', 3), {
      onMove: () => {},
      onEnd: (_e, cancelled) => ends.push(cancelled),
    });
    t.dispatchEvent(pointer(type, 3));
    assert.deepEqual(ends, [true], type);
  }
});

test('stop ends the drag at once without onEnd and releases the capture', () => {
  const t = new Target();
  let ended = false;
  const moves = [];
  const stop = followDrag(/** @type {any} */ (t), pointer('pointerdown', 4), {
    onMove: (_e, dx) => moves.push(dx),
    onEnd: () => { ended = true; },
  });
  stop();
  t.dispatchEvent(pointer('pointermove', 4, 7, 0));
  t.dispatchEvent(pointer('pointerup', 4));
  assert.deepEqual(moves, []);
  assert.equal(ended, false);
  assert.ok(!t.hasPointerCapture(4));
});

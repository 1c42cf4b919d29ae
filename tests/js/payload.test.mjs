// Unit tests of static/js/payload.js under `node --test` (run by tests/unit/test_node.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { PayloadLost, PayloadReceiver } from '../../pgwidgets/static/js/payload.js';

const bytes = (...b) => new Uint8Array(b).buffer;
const hex = (b) => Buffer.from(b).toString('hex');

test('a one-frame payload is that frame, not a copy', async () => {
  const r = new PayloadReceiver();
  const p = r.claim(3);
  const frame = bytes(1, 2, 3);
  r.add(frame);
  assert.equal(await p, frame);
});

test('chunks are joined in order, payloads paired first in, first out', async () => {
  const r = new PayloadReceiver();
  const a = r.claim(3);
  const b = r.claim(1);
  r.add(bytes(1));
  r.add(bytes(2, 3));
  r.add(bytes(4));
  assert.equal(hex(await a), '010203');
  assert.equal(hex(await b), '04');
});

test('chunks that arrive before their header wait for it', async () => {
  const r = new PayloadReceiver();
  r.add(bytes(9, 8));
  const p = r.claim(2);
  assert.equal(hex(await p), '0908');
});

test('a payload longer than its size is refused, and the next one still pairs', async () => {
  const r = new PayloadReceiver();
  const bad = r.claim(1);
  const good = r.claim(1);
  r.add(bytes(1, 2));
  await assert.rejects(bad, /payload longer than its 1 bytes/);
  r.add(bytes(7));
  assert.equal(hex(await good), '07');
});

test('a bad size is refused once its chunks are in', async () => {
  const r = new PayloadReceiver();
  const p = r.claim(-1);
  r.add(bytes());
  await assert.rejects(p, /bad payload size -1/);
});

test('abandon gives up unfinished payloads with PayloadLost', async () => {
  const r = new PayloadReceiver();
  const p = r.claim(4);
  r.add(bytes(1));
  r.abandon('the connection closed');
  await assert.rejects(p, (err) => err instanceof PayloadLost && /connection closed/.test(err.message));
  const q = r.claim(1); // a new connection starts clean
  r.add(bytes(5));
  assert.equal(hex(await q), '05');
});

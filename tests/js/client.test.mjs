// Unit tests of the page's client (static/js/client.js, payload.js) under `node --test`,
// run by tests/unit/test_node.py. The wire cases come from tests/protocol/frames.json,
// which the Python fake browser is tested on too (tests/protocol/test_shared_frames.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { Client } from '../../pgwidgets/static/js/client.js';

const FRAMES = JSON.parse(await readFile(new URL('../protocol/frames.json', import.meta.url)));

globalThis.Node ??= class {};

const hex = (/** @type {ArrayBuffer} */ b) => Buffer.from(b).toString('hex');

/** A widget class that records the calls the client makes on it. */
class Recorder {
  static create(client, wid) { return new Recorder(wid); }
  constructor(wid) { this.wid = wid; this.calls = []; }
  set_text(...args) { this.calls.push(['set_text', ...args]); }
  set_image(payload, ...args) { this.calls.push(['set_image', ...args, hex(payload)]); }
  get_text() { return this.calls.length; }
  fail() { throw new Error('it broke'); }
  listen() {}
  destroy() {}
}

/** A client with one Recorder (wid 1) and a connection that keeps what is sent. */
async function makeClient() {
  const root = { removeAttribute() {}, replaceChildren() {} };
  const client = new Client(/** @type {any} */ (root));
  const sent = [];
  client.connection = { send: (m) => sent.push(m) };
  client.classes.set('Recorder', Recorder);
  client.receive([{ type: 'create', wid: 1, class: 'Recorder' }]);
  await client._chain;
  return { client, sent, rec: client.widgets.get(1) };
}

for (const c of FRAMES.cases) {
  test(`shared frames: ${c.name}`, async () => {
    const { client, sent, rec } = await makeClient();
    const errors = [];
    const origError = console.error;
    console.error = (...args) => errors.push(args.join(' '));
    try {
      for (const item of c.wire) {
        if (item.text) client.receive(structuredClone(item.text));
        else client.receiveBinary(new Uint8Array(Buffer.from(item.binary, 'hex')).buffer);
      }
      await client._chain;
    } finally {
      console.error = origError;
    }
    assert.deepEqual(rec.calls, c.applied);
    if (c.error) {
      assert.equal(sent.length, 1, 'the refusal is reported to the server');
      assert.equal(sent[0].type, 'error');
      assert.match(sent[0].error, new RegExp(c.error));
    } else {
      assert.deepEqual(sent, []);
    }
  });
}

test('a frame waits for the frames before it, even when their payloads come late', async () => {
  const { client, rec } = await makeClient();
  client.receive([{ type: 'binary', wid: 1, method: 'set_image', size: 2, args: [] }]);
  client.receive([{ type: 'call', wid: 1, method: 'set_text', args: ['second'] }]);
  await new Promise((r) => setTimeout(r, 0)); // let the chain run as far as it can
  assert.deepEqual(rec.calls, [], 'nothing applied before the first frame is complete');
  client.receiveBinary(new Uint8Array([1, 2]).buffer);
  await client._chain;
  assert.deepEqual(rec.calls, [['set_image', '0102'], ['set_text', 'second']]);
  assert.equal(client.applied, 3);
});

test('an error in one message is reported and the rest of the frame still applies', async () => {
  const { client, sent, rec } = await makeClient();
  const origError = console.error;
  console.error = () => {};
  try {
    client.receive([
      { type: 'call', wid: 9, method: 'set_text', args: ['lost'] },
      { type: 'call', wid: 1, method: 'fail', args: [] },
      { type: 'call', wid: 1, method: 'constructor', args: [] },
      { type: 'call', wid: 1, method: 'set_text', args: ['kept'] },
    ]);
    await client._chain;
  } finally {
    console.error = origError;
  }
  assert.deepEqual(rec.calls, [['set_text', 'kept']]);
  assert.deepEqual(sent.map((m) => [m.type, m.error]), [
    ['error', 'call set_text: unknown widget 9'],
    ['error', 'call fail: it broke'],
    ['error', 'call constructor: Recorder has no method constructor'],
  ]);
});

test('queries answer a result, or an error with their id', async () => {
  const { client, sent } = await makeClient();
  client.receive([
    { type: 'call', wid: 1, method: 'set_text', args: ['x'] },
    { type: 'query', id: 7, wid: 1, method: 'get_text', args: [] },
    { type: 'query', id: 8, wid: 1, method: 'fail', args: [] },
    { type: 'query', id: 9, wid: 1, method: 'no_such', args: [] },
  ]);
  await client._chain;
  await new Promise((r) => setTimeout(r, 0)); // queries answer asynchronously
  const answers = sent.map((m) => [m.type, m.id, m.value ?? m.error]);
  assert.deepEqual(answers.sort((a, b) => a[1] - b[1]), [
    ['result', 7, 1],
    ['error', 8, 'it broke'],
    ['error', 9, 'Recorder has no method no_such'],
  ]);
});

test('an unknown message type is an error, not a crash', async () => {
  const { client, sent } = await makeClient();
  const origError = console.error;
  console.error = () => {};
  try {
    client.receive([{ type: 'bogus' }]);
    await client._chain;
  } finally {
    console.error = origError;
  }
  assert.equal(sent.length, 1);
  assert.match(sent[0].error, /unknown message type bogus/);
});

// @ts-check
/**
 * Reassembles the payloads of server `binary` headers. The server sends a payload's bytes
 * in binary frames of at most 256 KiB (`OUTGOING_CHUNK_SIZE`, protocol/outgoing.py), one
 * payload after the other in header order, and may send text frames between the chunks.
 * So the pairing is strictly FIFO: binary frames belong to the oldest header still short
 * of its `size` bytes (at least one frame each: an empty payload is one empty frame).
 *
 * A payload of one frame is handed over as that frame's ArrayBuffer (no copy). A larger
 * one is copied chunk by chunk into one buffer allocated up front from the header's size:
 * linear work, and the peak is the payload plus one chunk (never a growing concatenation).
 * @module payload
 */

/**
 * @typedef {object} Pending
 * @property {number} size bytes announced by the header
 * @property {number} received bytes taken so far
 * @property {number} frames binary frames taken so far
 * @property {Uint8Array | null} buffer the assembled bytes (null until a second chunk)
 * @property {ArrayBuffer | null} first the first frame, kept until we know it is not all
 * @property {Error | null} failure set when the payload cannot be kept (it is still
 *   counted through, so later payloads stay paired)
 * @property {(data: ArrayBuffer) => void} resolve
 * @property {(err: Error) => void} reject
 */

/** A payload that will never complete: its connection closed first. */
export class PayloadLost extends Error {}

export class PayloadReceiver {
  constructor() {
    /** payloads claimed by headers and not yet complete, oldest first */
    /** @type {Pending[]} */
    this._pending = [];
    /** binary frames that arrived before any header claimed them (FIFO) */
    /** @type {ArrayBuffer[]} */
    this._early = [];
  }

  /**
   * Claim the next payload; call once per `binary` header, in header order.
   * @param {unknown} size the header's `size` (bytes)
   * @returns {Promise<ArrayBuffer>} settles when the last chunk is in
   */
  claim(size) {
    /** @type {Pending} */
    const p = /** @type {any} */ ({ size: 0, received: 0, frames: 0, buffer: null,
      first: null, failure: null });
    /** @type {Promise<ArrayBuffer>} */
    const promise = new Promise((resolve, reject) => { p.resolve = resolve; p.reject = reject; });
    // the frame awaits it later, maybe after it failed: not an "unhandled rejection"
    promise.catch(() => {});
    if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) p.size = size;
    else p.failure = new Error(`bad payload size ${String(size)}`);
    this._pending.push(p);
    const early = this._early;
    this._early = [];
    for (const data of early) this.add(data);
    return promise;
  }

  /**
   * A binary frame arrived: it continues the oldest unfinished payload.
   * @param {ArrayBuffer} data
   */
  add(data) {
    const p = this._pending[0];
    if (!p) {
      this._early.push(data);
      return;
    }
    const offset = p.received;
    p.received += data.byteLength;
    p.frames += 1;
    if (p.received > p.size && !p.failure) {
      p.failure = new Error(`payload longer than its ${p.size} bytes`);
    }
    if (!p.failure) this._keep(p, data, offset);
    if (p.received >= p.size) this._settle(p);
  }

  /**
   * @param {Pending} p
   * @param {ArrayBuffer} data
   * @param {number} offset where `data` goes in the payload
   */
  _keep(p, data, offset) {
    if (p.frames === 1) {
      p.first = data; // maybe the whole payload: copy nothing yet
      return;
    }
    try {
      if (!p.buffer) {
        p.buffer = new Uint8Array(p.size);
        if (p.first) p.buffer.set(new Uint8Array(p.first), 0);
        p.first = null;
      }
      p.buffer.set(new Uint8Array(data), offset);
    } catch (err) { // RangeError: no memory for a payload this large
      p.failure = /** @type {Error} */ (err);
      p.buffer = null;
    }
  }

  /** @param {Pending} p complete: hand it over and move on to the next header */
  _settle(p) {
    this._pending.shift();
    if (p.failure) p.reject(p.failure);
    else if (p.buffer) p.resolve(/** @type {ArrayBuffer} */ (p.buffer.buffer));
    else p.resolve(p.first || new ArrayBuffer(0));
  }

  /**
   * The socket closed: payloads still incomplete never will be. Fail them, so the frames
   * waiting on them are applied (without them) and the reconnect's rebuild is not stuck
   * behind them.
   * @param {string} reason
   */
  abandon(reason) {
    const pending = this._pending;
    this._pending = [];
    this._early = [];
    for (const p of pending) p.reject(new PayloadLost(reason));
  }
}

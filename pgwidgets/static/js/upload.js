// @ts-check
/**
 * Streams files to Python: `upload-start` (names and sizes), then binary frames
 * `[4-byte big-endian transfer id][chunk]` holding the files back to back, then
 * `upload-end`. Chunks are bounded and the socket's send buffer is kept short, so a large
 * file never sits in memory whole. The server may refuse a transfer at any point
 * (`upload-error`): sending stops at once and Python never sees a partial upload.
 * @module upload
 */

/** bytes per chunk frame (well under the server's frame limit) */
export const CHUNK_SIZE = 256 * 1024;
/** pause reading while this much is queued in the socket */
const HIGH_WATER = 4 * 1024 * 1024;

let nextTransfer = 1;

/** Resolve after the socket has drained below the high-water mark. @param {any} conn */
function drained(conn) {
  return new Promise((resolve) => {
    const check = () => {
      if (!conn || conn.bufferedAmount < HIGH_WATER) resolve(undefined);
      else requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * Send `files` to Python as the `action` callback of `widget`.
 * @param {import('./client.js').Client} client
 * @param {{wid: number}} widget
 * @param {string} action
 * @param {File[]} files
 * @param {{progress?: string, extra?: Record<string, any>}} [more] the callback that
 *   reports progress (default `progress`) and details added to the delivered payload
 * @returns {Promise<void>} rejects with the server's reason when refused
 */
export async function uploadFiles(client, widget, action, files, more = {}) {
  const transfer = nextTransfer;
  nextTransfer = (nextTransfer % 0xffffffff) + 1;
  /** @type {string | null} */
  let failure = null;
  client.transfers.set(transfer, { fail: (error) => { failure = error; } });
  const conn = /** @type {any} */ (client.connection);
  try {
    client.send({ type: 'upload-start', transfer, wid: widget.wid, action,
      progress: more.progress || 'progress', extra: more.extra || {},
      files: files.map((f) => ({ name: f.name, size: f.size, type: f.type })) });
    for (const file of files) {
      for (let offset = 0; offset < file.size; offset += CHUNK_SIZE) {
        await drained(conn);
        if (failure !== null) throw new Error(failure);
        const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK_SIZE).arrayBuffer());
        const frame = new Uint8Array(4 + chunk.byteLength);
        new DataView(frame.buffer).setUint32(0, transfer);
        frame.set(chunk, 4);
        if (!conn || !conn.sendBinary(frame)) throw new Error('the connection was lost');
      }
    }
    if (failure !== null) throw new Error(failure);
    client.send({ type: 'upload-end', transfer });
  } catch (err) {
    if (failure === null) client.send({ type: 'upload-end', transfer, cancel: true });
    throw err;
  } finally {
    // a refusal may still be on its way: keep listening a moment, then forget
    setTimeout(() => client.transfers.delete(transfer), 30000);
  }
}

// @ts-check
/**
 * FileDialog (non-visual): `open()` shows the browser's file chooser (browsers allow that
 * only shortly after a user action, e.g. from a button's handler). Chosen files stream to
 * Python in chunks (see upload.js) and arrive there whole as `activated`; closing the
 * chooser without a choice reports `cancelled()`. `save(data, filename, mime)` receives
 * bytes (binary frames, reassembled by payload.js) and offers them as a download.
 */
import { Widget } from '../widget.js';
import { uploadFiles } from '../upload.js';

export default class FileDialog extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    this.mode = options.mode || 'file';
    this.accept = options.accept || '';
  }

  /** A fresh input per opening: no stale selection, no listener leaks. */
  open() {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = this.mode === 'files';
    if (this.accept) input.accept = this.accept;
    input.addEventListener('change', () => {
      const files = [...(input.files || [])];
      if (!files.length) {
        this.emit('cancelled');
        return;
      }
      uploadFiles(this.client, this, 'activated', files).catch((err) => {
        console.warn('pgwidgets: upload stopped:', err.message || err);
      });
    });
    input.addEventListener('cancel', () => this.emit('cancelled'));
    input.click();
  }

  /**
   * @param {ArrayBuffer} data
   * @param {string} filename
   * @param {string} mime
   */
  save(data, filename, mime = 'application/octet-stream') {
    const url = URL.createObjectURL(new Blob([data], { type: mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename || 'download';
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  /** @param {string} mode */
  set_mode(mode) { this.mode = String(mode); }

  /** @param {string} accept */
  set_accept(accept) { this.accept = accept ? String(accept) : ''; }
}

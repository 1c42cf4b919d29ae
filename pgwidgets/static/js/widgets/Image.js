// @ts-check
/**
 * Image: an `<img>` showing a URL or bytes sent as a binary frame (`set_binary_image`).
 * Bytes become an object URL, revoked when replaced. With `interactive` the image takes
 * focus and reports pointer, wheel and key events as one flat dict each.
 */
import { Widget } from '../widget.js';
import { uploadFiles } from '../upload.js';
import { EVENTS, eventPayload } from '../interactive.js';

export default class Image extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    this.$el.classList.add('pgw-image');
    this.$img = document.createElement('img');
    this.$img.className = 'pgw-image-img';
    this.$img.draggable = false;
    // the wrapper is the accessible image (it takes focus when interactive)
    this.$img.alt = '';
    this.$img.setAttribute('aria-hidden', 'true');
    this.$el.append(this.$img);
    this.$el.setAttribute('role', 'img');
    /** @type {string | null} */
    this._objectUrl = null;
    this.set_alt(options.alt ?? '');
    if (options.url) this.set_image(options.url);
    if (options.interactive) this._interactive();
    this._drops();
  }

  /** Files dropped on the image stream to Python when it listens for drops. */
  _drops() {
    const el = this.$el;
    const wanted = () => ['drag-over', 'drop-start', 'drop-end'].some((a) => this._listen.has(a));
    el.addEventListener('dragover', (ev) => {
      if (!wanted()) return;
      ev.preventDefault();
      if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
      this.emit('drag-over', eventPayload(el, ev));
    });
    el.addEventListener('drop', (ev) => {
      if (!wanted()) return;
      ev.preventDefault();
      const dt = ev.dataTransfer;
      const files = dt ? [...dt.files] : [];
      const info = eventPayload(el, ev);
      this.emit('drop-start', { ...info, files: files.map((f) => ({ name: f.name, size: f.size,
        type: f.type, data: null })) });
      if (!this._listen.has('drop-end')) return;
      if (!files.length) {
        this.emit('drop-end', { ...info, files: [] });
        return;
      }
      uploadFiles(this.client, this, 'drop-end', files, { progress: 'drop-progress', extra: info })
        .catch((err) => console.warn('pgwidgets: drop upload stopped:', err.message || err));
    });
  }

  /** Compatibility: the image redraws by itself. */
  update() {}

  _interactive() {
    const el = this.$el;
    el.tabIndex = 0;
    el.classList.add('pgw-interactive');
    for (const [type, action] of Object.entries(EVENTS)) {
      el.addEventListener(type, (ev) => {
        if (type === 'contextmenu') ev.preventDefault();
        if (type === 'wheel' && this._listen.has('scroll')) ev.preventDefault();
        this.emit(action, eventPayload(el, ev));
      }, type === 'wheel' ? { passive: false } : undefined);
    }
  }

  /** @param {string|null} url */
  set_image(url) {
    this._revoke();
    if (url) this.$img.src = String(url);
    else this.$img.removeAttribute('src');
  }

  /**
   * @param {ArrayBuffer} data encoded image bytes
   * @param {string} format png, jpeg ...
   */
  set_binary_image(data, format = 'jpeg') {
    this._revoke();
    const type = `image/${format === 'jpg' ? 'jpeg' : format}`;
    this._objectUrl = URL.createObjectURL(new Blob([data], { type }));
    this.$img.src = this._objectUrl;
  }

  _revoke() {
    if (this._objectUrl) URL.revokeObjectURL(this._objectUrl);
    this._objectUrl = null;
  }

  /** @param {string} text what the picture shows (read by screen readers) */
  set_alt(text) {
    const alt = text == null ? '' : String(text);
    if (alt) this.$el.setAttribute('aria-label', alt);
    else this.$el.removeAttribute('aria-label');
  }

  destroy() {
    this._revoke();
    super.destroy();
  }
}

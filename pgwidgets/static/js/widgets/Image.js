// @ts-check
/**
 * Image: an `<img>` showing a URL or bytes sent in binary frames (`set_binary_image`).
 * Bytes become an object URL, revoked when replaced. With `interactive` the image takes
 * focus and reports pointer, wheel and key events as one flat dict each.
 *
 * With `use_animation_frame` (for a stream of frames: a camera, a plot redrawn many times
 * a second) the picture is a `<canvas>` instead: each image is decoded off the main
 * thread (`createImageBitmap`) and only the newest one is drawn, on the next animation
 * frame. Images that arrive faster than the screen refreshes are dropped, not queued,
 * so the page never falls behind the stream, and an image that decodes late never
 * replaces a newer one.
 */
import { Widget } from '../widget.js';
import { uploadFiles } from '../upload.js';
import { EVENTS, eventPayload } from '../interactive.js';

export default class Image extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    this.$el.classList.add('pgw-image');
    /** @type {boolean} draw on a canvas, newest image per animation frame */
    this.animated = !!options.use_animation_frame;
    this.$img = document.createElement('img');
    this.$img.className = 'pgw-image-img';
    this.$img.draggable = false;
    // the wrapper is the accessible image (it takes focus when interactive)
    this.$img.alt = '';
    this.$img.setAttribute('aria-hidden', 'true');
    /** @type {HTMLCanvasElement | null} */
    this.$canvas = null;
    if (this.animated) {
      this.$canvas = document.createElement('canvas');
      this.$canvas.className = 'pgw-image-img pgw-image-canvas';
      this.$canvas.width = 0;
      this.$canvas.height = 0;
      this.$canvas.setAttribute('aria-hidden', 'true');
      this.$el.append(this.$canvas);
    } else {
      this.$el.append(this.$img);
    }
    /** images asked for so far; a decoded image older than the newest shown is dropped */
    this._asked = 0;
    this._shown = 0;
    /** @type {{ seq: number, bitmap: ImageBitmap } | null} waiting for the next frame */
    this._next = null;
    this._frame = 0;
    /** images drawn on the canvas (for tests and diagnostics) */
    this.drawn = 0;
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
    if (this.animated) {
      const seq = ++this._asked;
      if (!url) {
        this._offer(seq, null);
        return;
      }
      const img = document.createElement('img');
      img.src = String(url);
      img.decode().then(() => createImageBitmap(img)).then(
        (bitmap) => this._offer(seq, bitmap),
        (err) => console.warn('pgwidgets: image not shown:', err && err.message));
      return;
    }
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
    const blob = new Blob([data], { type });
    if (this.animated) {
      const seq = ++this._asked;
      createImageBitmap(blob).then(
        (bitmap) => this._offer(seq, bitmap),
        (err) => console.warn('pgwidgets: image not shown:', err && err.message));
      return;
    }
    this._objectUrl = URL.createObjectURL(blob);
    this.$img.src = this._objectUrl;
  }

  /**
   * A decoded image (or null: clear) for the canvas; drawn on the next animation frame
   * unless a newer one arrives first.
   * @param {number} seq
   * @param {ImageBitmap | null} bitmap
   */
  _offer(seq, bitmap) {
    const waiting = this._next ? this._next.seq : this._shown;
    if (seq < waiting || !this.$canvas) { // a newer image is already waiting or shown
      if (bitmap) bitmap.close();
      return;
    }
    if (this._next && this._next.bitmap) this._next.bitmap.close();
    this._next = { seq, bitmap: /** @type {ImageBitmap} */ (bitmap) };
    if (!this._frame) this._frame = requestAnimationFrame(() => this._draw());
  }

  _draw() {
    this._frame = 0;
    const next = this._next;
    const canvas = this.$canvas;
    this._next = null;
    if (!next || !canvas) return;
    this._shown = next.seq;
    const { bitmap } = next;
    if (!bitmap) {
      canvas.width = 0;
      canvas.height = 0;
      return;
    }
    if (canvas.width !== bitmap.width) canvas.width = bitmap.width;
    if (canvas.height !== bitmap.height) canvas.height = bitmap.height;
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0);
    }
    bitmap.close();
    this.drawn += 1;
    canvas.dataset.drawn = String(this.drawn);
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
    if (this._frame) cancelAnimationFrame(this._frame);
    if (this._next && this._next.bitmap) this._next.bitmap.close();
    this._next = null;
    this.$canvas = null;
    super.destroy();
  }
}

// @ts-check
/**
 * TopLevel: a desktop-style window inside the page. Title bar drag moves it (pointer
 * events: mouse, touch, pen); it is raised on press; `move(x, y)` is reported when a drag
 * ends, `close()` when the close button is pressed (a request: the app decides).
 */
import { ContainerWidget } from '../container.js';
import { cssSize, uid } from '../widget.js';

let zTop = 10;
let cascade = 0;

export default class TopLevel extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    const el = this.$el;
    el.hidden = true;
    el.setAttribute('role', 'dialog');
    el.setAttribute('aria-modal', 'false');
    el.tabIndex = -1;
    const titleId = uid('pgw-title');
    el.setAttribute('aria-labelledby', titleId);
    this.$bar = document.createElement('div');
    this.$bar.className = 'pgw-titlebar';
    this.$title = document.createElement('span');
    this.$title.className = 'pgw-title';
    this.$title.id = titleId;
    this.$buttons = document.createElement('span');
    this.$buttons.className = 'pgw-title-buttons';
    this.$bar.append(this.$title, this.$buttons);
    this.$body = document.createElement('div');
    this.$body.className = 'pgw-window-body';
    el.append(this.$bar, this.$body);
    this.$content = this.$body;
    this.moveable = options.moveable !== false;
    this.positioned = false;
    this.set_title(options.title ?? '');
    if (options.closeable !== false) {
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'pgw-title-button pgw-close';
      close.setAttribute('aria-label', 'Close');
      close.textContent = '\u00d7';
      close.addEventListener('click', () => this.emit('close'));
      this.$buttons.append(close);
    }
    if (options.resizable !== false) {
      const grip = document.createElement('div');
      grip.className = 'pgw-resize-grip';
      grip.setAttribute('aria-hidden', 'true');
      el.append(grip);
      this._dragResize(grip);
    }
    el.addEventListener('pointerdown', () => this.raise_(), { capture: true });
    el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && options.closeable !== false) this.emit('close');
    });
    this._dragMove();
  }

  _dragMove() {
    this.$bar.addEventListener('pointerdown', (ev) => {
      if (!this.moveable || ev.button !== 0 || /** @type {Element} */ (ev.target).closest('button')) return;
      ev.preventDefault();
      const startX = ev.clientX;
      const startY = ev.clientY;
      const x0 = this.$el.offsetLeft;
      const y0 = this.$el.offsetTop;
      this.$bar.setPointerCapture(ev.pointerId);
      /** @param {PointerEvent} e */
      const move = (e) => {
        this._place(Math.max(0, x0 + e.clientX - startX), Math.max(0, y0 + e.clientY - startY));
      };
      const up = () => {
        this.$bar.removeEventListener('pointermove', move);
        this.$bar.removeEventListener('pointerup', up);
        this.$bar.removeEventListener('pointercancel', up);
        if (this.$el.offsetLeft !== x0 || this.$el.offsetTop !== y0) {
          this.emit('move', this.$el.offsetLeft, this.$el.offsetTop);
        }
      };
      this.$bar.addEventListener('pointermove', move);
      this.$bar.addEventListener('pointerup', up);
      this.$bar.addEventListener('pointercancel', up);
    });
  }

  /** @param {HTMLElement} grip */
  _dragResize(grip) {
    grip.addEventListener('pointerdown', (ev) => {
      ev.preventDefault();
      const startX = ev.clientX;
      const startY = ev.clientY;
      const w0 = this.$el.offsetWidth;
      const h0 = this.$el.offsetHeight;
      grip.setPointerCapture(ev.pointerId);
      /** @param {PointerEvent} e */
      const move = (e) => {
        this.resize(Math.max(80, w0 + e.clientX - startX), Math.max(40, h0 + e.clientY - startY));
      };
      const up = () => {
        grip.removeEventListener('pointermove', move);
        grip.removeEventListener('pointerup', up);
      };
      grip.addEventListener('pointermove', move);
      grip.addEventListener('pointerup', up);
    });
  }

  /** @param {number} x @param {number} y */
  _place(x, y) {
    this.$el.style.left = cssSize(x);
    this.$el.style.top = cssSize(y);
    this.positioned = true;
  }

  /** @param {any} text */
  set_title(text) { this.$title.textContent = text == null ? '' : String(text); }

  get_title() { return this.$title.textContent; }

  /** @param {string|null} _url */
  set_icon(_url) {}

  /** @param {number} x @param {number} y */
  set_position(x, y) { this._place(x, y); }

  /** @param {boolean} moveable */
  set_moveable(moveable) { this.moveable = !!moveable; }

  raise_() {
    zTop += 1;
    this.$el.style.zIndex = String(zTop);
  }

  lower() { this.$el.style.zIndex = '1'; }

  show() {
    if (!this.$el.isConnected) this.client.root.appendChild(this.$el);
    if (!this.positioned) {
      cascade = (cascade + 1) % 10;
      this._place(24 + cascade * 24, 24 + cascade * 24);
    }
    this.$el.hidden = false;
    this.raise_();
  }

  hide() { this.$el.hidden = true; }
}

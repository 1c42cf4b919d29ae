// @ts-check
/**
 * ScrollBar: role scrollbar with aria-valuenow in percent. Positions are fractions 0..1:
 * `scroll_percent` is where the thumb is, `thumb_percent` how much of the track it
 * covers. Drag the thumb or press the track (mouse, touch, pen: pointer capture); keys:
 * arrows step a tenth of the thumb, Page Up/Down a whole thumb, Home/End the ends.
 * `activated(fraction)` for every change the user makes.
 */
import { Widget } from '../widget.js';
import { followDrag } from '../helpers/pointer-drag.js';

export default class ScrollBar extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    const el = this.$el;
    this.vertical = options.orientation === 'vertical';
    el.dataset.orientation = this.vertical ? 'vertical' : 'horizontal';
    el.tabIndex = 0;
    el.setAttribute('role', 'scrollbar');
    el.setAttribute('aria-orientation', this.vertical ? 'vertical' : 'horizontal');
    el.setAttribute('aria-valuemin', '0');
    el.setAttribute('aria-valuemax', '100');
    if (options.thickness) el.style.setProperty('--pgw-scrollbar-thickness', `${Number(options.thickness)}px`);
    this.$thumb = document.createElement('div');
    this.$thumb.className = 'pgw-scrollbar-thumb';
    el.append(this.$thumb);
    this.pos = 0;
    this.thumb = 0.1;
    this._layout();
    el.addEventListener('keydown', (ev) => this._key(ev));
    this._pointer();
  }

  _pointer() {
    const el = this.$el;
    /** @param {PointerEvent} ev */
    const along = (ev) => (this.vertical ? ev.clientY : ev.clientX);
    const trackLen = () => {
      const r = el.getBoundingClientRect();
      return (this.vertical ? r.height : r.width) * (1 - this.thumb);
    };
    el.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      ev.preventDefault();
      el.focus();
      if (ev.target === this.$thumb) {
        const pos = this.pos;
        followDrag(el, ev, {
          onMove: (_e, dx, dy) => {
            const len = trackLen();
            if (len > 0) this._user(pos + (this.vertical ? dy : dx) / len);
          },
        });
      } else {
        const t = this.$thumb.getBoundingClientRect();
        const before = along(ev) < (this.vertical ? t.top : t.left);
        this._user(this.pos + (before ? -this.thumb : this.thumb));
      }
    });
  }

  /** @param {KeyboardEvent} ev */
  _key(ev) {
    const small = Math.max(0.01, this.thumb / 10);
    /** @type {Record<string, number>} */
    const moves = {
      ArrowUp: this.pos - small, ArrowLeft: this.pos - small,
      ArrowDown: this.pos + small, ArrowRight: this.pos + small,
      PageUp: this.pos - this.thumb, PageDown: this.pos + this.thumb,
      Home: 0, End: 1,
    };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    this._user(moves[ev.key]);
  }

  /** @param {number} f */
  _user(f) {
    const x = Math.min(1, Math.max(0, Number(f.toFixed(6))));
    if (x === this.pos) return;
    this.pos = x;
    this._layout();
    this.emit('activated', x);
  }

  _layout() {
    const s = this.$thumb.style;
    s.setProperty('--pgw-thumb-size', String(this.thumb));
    s.setProperty('--pgw-thumb-pos', String(this.pos * (1 - this.thumb)));
    this.$el.setAttribute('aria-valuenow', String(Math.round(this.pos * 100)));
  }

  /** @param {number} pct a fraction 0..1 */
  set_scroll_percent(pct) {
    this.pos = Math.min(1, Math.max(0, Number(pct) || 0));
    this._layout();
  }

  get_scroll_percent() { return this.pos; }

  /** @param {number} pct a fraction 0..1 */
  set_thumb_percent(pct) {
    this.thumb = Math.min(1, Math.max(0.02, Number(pct) || 0));
    this._layout();
  }

  get_thumb_percent() { return this.thumb; }
}

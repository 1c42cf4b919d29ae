// @ts-check
/**
 * Dial: a rotary knob (role slider). Drag around the knob with mouse, touch or pen
 * (pointer capture; `touch-action: none`), or use the keys: arrows step, Page Up/Down
 * step ten times, Home/End go to the limits. The knob sweeps 270°, minimum at the lower
 * left. `activated(value)` when a drag ends or a key changes it (every move with `track`).
 */
import { Widget } from '../widget.js';
import { followDrag } from '../helpers/pointer-drag.js';

const SVG = 'http://www.w3.org/2000/svg';
const SWEEP = 270;
const R = 40;

/** @param {number} deg angle clockwise from "up" @returns {[number, number]} */
function point(deg) {
  const a = (deg - 90) * Math.PI / 180;
  return [50 + R * Math.cos(a), 50 + R * Math.sin(a)];
}

/** @param {number} from @param {number} to */
function arc(from, to) {
  if (to - from < 0.01) return '';
  const [x0, y0] = point(from);
  const [x1, y1] = point(to);
  return `M ${x0} ${y0} A ${R} ${R} 0 ${to - from > 180 ? 1 : 0} 1 ${x1} ${y1}`;
}

export default class Dial extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    this.dtype = options.dtype === 'float' ? 'float' : 'int';
    this.track = !!options.track;
    /** @type {number|null} */
    this.decimals = options.decimals ?? null;
    this.min = Number(options.min ?? 0);
    this.max = Number(options.max ?? 100);
    this.step = Number(options.step ?? 1);
    this.value = this.min;
    const el = this.$el;
    el.tabIndex = 0;
    el.setAttribute('role', 'slider');
    el.dataset.valuePosition = String(options.show_value_position || 'b');
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 100 100');
    svg.classList.add('pgw-dial-face');
    svg.setAttribute('aria-hidden', 'true');
    const knob = document.createElementNS(SVG, 'circle');
    knob.setAttribute('cx', '50');
    knob.setAttribute('cy', '50');
    knob.setAttribute('r', '30');
    knob.classList.add('pgw-dial-knob');
    this.$track = document.createElementNS(SVG, 'path');
    this.$track.classList.add('pgw-dial-track');
    this.$track.setAttribute('d', arc(-SWEEP / 2, SWEEP / 2));
    this.$fill = document.createElementNS(SVG, 'path');
    this.$fill.classList.add('pgw-dial-fill');
    this.$pointer = document.createElementNS(SVG, 'line');
    this.$pointer.classList.add('pgw-dial-pointer');
    this.$pointer.setAttribute('x1', '50');
    this.$pointer.setAttribute('y1', '50');
    this.$icon = document.createElementNS(SVG, 'image');
    this.$icon.classList.add('pgw-dial-icon');
    svg.append(this.$track, this.$fill, knob, this.$icon, this.$pointer);
    this.$face = svg;
    this.$value = document.createElement('span');
    this.$value.className = 'pgw-dial-value';
    this.$value.hidden = !options.show_value;
    el.append(svg, this.$value);
    this._known = this.value;
    this.set_value(options.value ?? 50);
    el.addEventListener('keydown', (ev) => this._key(ev));
    this._drag();
  }

  _drag() {
    const face = this.$face;
    /** @param {PointerEvent} ev */
    const follow = (ev) => {
      const r = face.getBoundingClientRect();
      const dx = ev.clientX - (r.left + r.width / 2);
      const dy = ev.clientY - (r.top + r.height / 2);
      let deg = Math.atan2(dx, -dy) * 180 / Math.PI;
      deg = Math.max(-SWEEP / 2, Math.min(SWEEP / 2, deg));
      this._show(this._clean(this.min + (deg + SWEEP / 2) / SWEEP * (this.max - this.min)));
      if (this.track) this._report();
    };
    face.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      ev.preventDefault();
      this.$el.focus();
      follow(ev);
      followDrag(face, ev, { onMove: follow, onEnd: () => this._report() });
    });
  }

  /** @param {KeyboardEvent} ev */
  _key(ev) {
    /** @type {Record<string, number>} */
    const moves = {
      ArrowUp: this.value + this.step, ArrowRight: this.value + this.step,
      ArrowDown: this.value - this.step, ArrowLeft: this.value - this.step,
      PageUp: this.value + 10 * this.step, PageDown: this.value - 10 * this.step,
      Home: this.min, End: this.max,
    };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    this._show(this._clean(moves[ev.key]));
    this._report();
  }

  _report() {
    if (this.value === this._known) return;
    this._known = this.value;
    this.emit('activated', this.value);
  }

  /** Clamp and round to the step grid. @param {number} v */
  _clean(v) {
    let x = Math.min(this.max, Math.max(this.min, v));
    if (this.step > 0) x = this.min + Math.round((x - this.min) / this.step) * this.step;
    x = Math.min(this.max, x);
    return this.dtype === 'int' ? Math.round(x) : Number(x.toPrecision(12));
  }

  /** @param {number} x */
  _show(x) {
    this.value = x;
    const span = this.max - this.min;
    const frac = span > 0 ? (x - this.min) / span : 0;
    const deg = -SWEEP / 2 + frac * SWEEP;
    this.$fill.setAttribute('d', arc(-SWEEP / 2, deg));
    const [px, py] = point(deg);
    this.$pointer.setAttribute('x2', String(50 + (px - 50) * 0.7));
    this.$pointer.setAttribute('y2', String(50 + (py - 50) * 0.7));
    const text = this.decimals == null ? String(x) : x.toFixed(this.decimals);
    this.$value.textContent = text;
    const el = this.$el;
    el.setAttribute('aria-valuenow', String(x));
    el.setAttribute('aria-valuemin', String(this.min));
    el.setAttribute('aria-valuemax', String(this.max));
    el.setAttribute('aria-valuetext', text);
  }

  /** @param {number} num */
  set_value(num) {
    this._show(this._clean(Number(num)));
    this._known = this.value;
  }

  get_value() { return this.value; }

  /** @param {number} minval @param {number} maxval @param {number|null} incrval */
  set_limits(minval, maxval, incrval = null) {
    this.min = Number(minval);
    this.max = Number(maxval);
    if (incrval != null) this.step = Number(incrval);
    this.set_value(this.value);
  }

  /** @param {boolean} track */
  set_tracking(track) { this.track = !!track; }

  /** @param {number|null} num */
  set_decimals(num) {
    this.decimals = num;
    this._show(this.value);
  }

  /** @param {number} lenPx */
  set_knob_diameter(lenPx) { this.$el.style.setProperty('--pgw-dial-size', `${Number(lenPx)}px`); }

  /**
   * An image drawn on the knob (null removes it).
   * @param {string|null} url
   * @param {number[]|null} size [w, h] as a share of the knob, in px of a 100px dial
   */
  set_icon(url, size = null) {
    const img = this.$icon;
    if (!url) {
      img.removeAttribute('href');
      return;
    }
    const [w, h] = size || [60, 60];
    img.setAttribute('href', url);
    img.setAttribute('width', String(w));
    img.setAttribute('height', String(h));
    img.setAttribute('x', String(50 - w / 2));
    img.setAttribute('y', String(50 - h / 2));
  }
}

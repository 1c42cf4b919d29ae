// @ts-check
/**
 * ColorWidget: a saturation/brightness plane, a hue strip (both ARIA sliders: arrow keys,
 * Shift for big steps, Home/End; pointer drags for mouse, touch and pen), a hex field and
 * a swatch. `pick(hex)` reports each choice the user completes (end of a drag, a key, an
 * edited hex value); `set_color` from Python never reports.
 */
import { Widget, uid } from '../widget.js';
import { followDrag } from '../helpers/pointer-drag.js';

/** @param {number} v @param {number} lo @param {number} hi */
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

/**
 * @param {string} hex '#rrggbb' or '#rgb'
 * @returns {[number, number, number] | null}
 */
export function parseHex(hex) {
  let m = /^#?([0-9a-f]{6})$/i.exec(String(hex).trim());
  if (!m) {
    const short = /^#?([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(String(hex).trim());
    if (!short) return null;
    m = [short[0], short[1] + short[1] + short[2] + short[2] + short[3] + short[3]];
  }
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** @param {number} r @param {number} g @param {number} b */
export function toHex(r, g, b) {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** @param {number} r @param {number} g @param {number} b @returns {[number, number, number]} */
function rgbToHsv(r, g, b) {
  const [rr, gg, bb] = [r / 255, g / 255, b / 255];
  const max = Math.max(rr, gg, bb);
  const d = max - Math.min(rr, gg, bb);
  let h = 0;
  if (d) {
    if (max === rr) h = ((gg - bb) / d) % 6;
    else if (max === gg) h = (bb - rr) / d + 2;
    else h = (rr - gg) / d + 4;
    h = (h * 60 + 360) % 360;
  }
  return [h, max ? d / max : 0, max];
}

/** @param {number} h @param {number} s @param {number} v @returns {[number, number, number]} */
function hsvToRgb(h, s, v) {
  /** @param {number} n */
  const f = (n) => {
    const k = (n + h / 60) % 6;
    return 255 * (v - v * s * Math.max(0, Math.min(k, 4 - k, 1)));
  };
  return [f(5), f(3), f(1)];
}

export default class ColorWidget extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    const el = this.$el;
    el.classList.add('pgw-color-widget');
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', 'Colour picker');
    this.hsv = [0, 1, 1];
    this.$plane = this._slider('pgw-color-plane', 'Saturation and brightness');
    this.$planeThumb = this._thumb(this.$plane);
    this.$hue = this._slider('pgw-color-hue', 'Hue');
    this.$hue.setAttribute('aria-valuemin', '0');
    this.$hue.setAttribute('aria-valuemax', '360');
    this.$hueThumb = this._thumb(this.$hue);
    const row = document.createElement('div');
    row.className = 'pgw-color-row';
    this.$swatch = document.createElement('div');
    this.$swatch.className = 'pgw-color-swatch';
    this.$swatch.setAttribute('aria-hidden', 'true');
    const hexId = uid('pgw-hex');
    const label = document.createElement('label');
    label.htmlFor = hexId;
    label.textContent = 'Hex';
    label.className = 'pgw-color-hex-label';
    this.$hex = document.createElement('input');
    this.$hex.id = hexId;
    this.$hex.className = 'pgw-color-hex';
    this.$hex.spellcheck = false;
    this.$hex.maxLength = 7;
    this.$hex.addEventListener('change', () => this._hexEdited());
    this.$hex.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') this._hexEdited();
    });
    row.append(this.$swatch, label, this.$hex);
    const rgbRow = document.createElement('div');
    rgbRow.className = 'pgw-color-row';
    /** @type {HTMLInputElement[]} red, green, blue entries (0-255) */
    this.$rgb = ['Red', 'Green', 'Blue'].map((name) => {
      const id = uid('pgw-rgb');
      const l = document.createElement('label');
      l.htmlFor = id;
      l.textContent = name[0];
      l.title = name;
      const input = document.createElement('input');
      input.id = id;
      input.type = 'number';
      input.min = '0';
      input.max = '255';
      input.className = 'pgw-input pgw-color-channel';
      input.setAttribute('aria-label', name);
      input.addEventListener('change', () => this._rgbEdited());
      rgbRow.append(l, input);
      return input;
    });
    el.append(this.$plane, this.$hue, row, rgbRow);
    this._dragPlane();
    this._dragHue();
    this._keys();
    /** the colour last reported or set, so a pick is only sent on a change */
    this._picked = '';
    /** @type {((hex: string) => void) | null} set by ColorDialog for live picks */
    this.onPick = null;
    this.set_color(options.color ?? '#ff0000');
  }

  /** @param {string} cls @param {string} label */
  _slider(cls, label) {
    const s = document.createElement('div');
    s.className = cls;
    s.tabIndex = 0;
    s.setAttribute('role', 'slider');
    s.setAttribute('aria-label', label);
    return s;
  }

  /** @param {HTMLElement} parent */
  _thumb(parent) {
    const t = document.createElement('div');
    t.className = 'pgw-color-thumb';
    parent.append(t);
    return t;
  }

  /**
   * Drag on `area` with pointer events; `fn(fx, fy)` gets fractions 0..1.
   * @param {HTMLElement} area
   * @param {(fx: number, fy: number) => void} fn
   */
  _drag(area, fn) {
    area.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      ev.preventDefault();
      area.focus();
      /** @param {PointerEvent} e */
      const at = (e) => {
        const r = area.getBoundingClientRect();
        fn(clamp((e.clientX - r.left) / (r.width || 1), 0, 1),
          clamp((e.clientY - r.top) / (r.height || 1), 0, 1));
      };
      at(ev);
      followDrag(area, ev, { onMove: at, onEnd: () => this._commit() });
    });
  }

  _dragPlane() {
    this._drag(this.$plane, (fx, fy) => this._setHsv(this.hsv[0], fx, 1 - fy));
  }

  _dragHue() {
    this._drag(this.$hue, (fx) => this._setHsv(fx * 360, this.hsv[1], this.hsv[2]));
  }

  _keys() {
    /** @param {KeyboardEvent} ev @returns {number} */
    const step = (ev) => (ev.shiftKey ? 0.1 : 0.01);
    this.$plane.addEventListener('keydown', (ev) => {
      const [h, s, v] = this.hsv;
      const d = step(ev);
      /** @type {Record<string, [number, number]>} */
      const moves = { ArrowLeft: [s - d, v], ArrowRight: [s + d, v], ArrowUp: [s, v + d],
        ArrowDown: [s, v - d], Home: [0, v], End: [1, v], PageUp: [s, 1], PageDown: [s, 0] };
      const to = moves[ev.key];
      if (!to) return;
      ev.preventDefault();
      this._setHsv(h, clamp(to[0], 0, 1), clamp(to[1], 0, 1));
      this._commit();
    });
    this.$hue.addEventListener('keydown', (ev) => {
      const [h, s, v] = this.hsv;
      const d = ev.shiftKey ? 30 : 1;
      /** @type {Record<string, number>} */
      const moves = { ArrowLeft: h - d, ArrowDown: h - d, ArrowRight: h + d, ArrowUp: h + d,
        Home: 0, End: 359 };
      if (!(ev.key in moves)) return;
      ev.preventDefault();
      this._setHsv(clamp(moves[ev.key], 0, 359), s, v);
      this._commit();
    });
  }

  _hexEdited() {
    const rgb = parseHex(this.$hex.value);
    if (!rgb) {
      this.$hex.setAttribute('aria-invalid', 'true');
      return;
    }
    this.$hex.removeAttribute('aria-invalid');
    this._setHsv(...rgbToHsv(...rgb));
    this._commit();
  }

  _rgbEdited() {
    const rgb = this.$rgb.map((i) => Math.round(Number(i.value)));
    if (rgb.some((c) => !Number.isFinite(c) || c < 0 || c > 255)) return;
    this._setHsv(...rgbToHsv(rgb[0], rgb[1], rgb[2]));
    this._commit();
  }

  /** @param {number} h @param {number} s @param {number} v */
  _setHsv(h, s, v) {
    this.hsv = [h, s, v];
    this._render();
  }

  _render() {
    const [h, s, v] = this.hsv;
    const hex = this.get_color();
    const el = this.$el;
    el.style.setProperty('--pgw-cw-hue', toHex(...hsvToRgb(h, 1, 1)));
    el.style.setProperty('--pgw-cw-color', hex);
    this.$planeThumb.style.left = `${s * 100}%`;
    this.$planeThumb.style.top = `${(1 - v) * 100}%`;
    this.$hueThumb.style.left = `${(h / 360) * 100}%`;
    this.$plane.setAttribute('aria-valuetext',
      `saturation ${Math.round(s * 100)}%, brightness ${Math.round(v * 100)}%`);
    this.$hue.setAttribute('aria-valuenow', String(Math.round(h)));
    if (document.activeElement !== this.$hex) this.$hex.value = hex;
    const rgb = parseHex(hex) || [0, 0, 0];
    this.$rgb.forEach((input, i) => {
      if (document.activeElement !== input) input.value = String(rgb[i]);
    });
    this.$hex.removeAttribute('aria-invalid');
  }

  /** Report the colour if it changed since the last report. */
  _commit() {
    const hex = this.get_color();
    if (hex === this._picked) return;
    this._picked = hex;
    this.$hex.value = hex;
    this.emit('pick', hex);
    if (this.onPick) this.onPick(hex);
  }

  /** @param {string} hex */
  set_color(hex) {
    const rgb = parseHex(hex);
    if (!rgb) throw new Error(`not a colour: ${hex}`);
    const hsv = rgbToHsv(...rgb);
    // keep the hue when the colour is grey, so the plane does not jump to red
    if (hsv[1] === 0 || hsv[2] === 0) hsv[0] = this.hsv[0];
    this.hsv = hsv;
    this._render();
    this.$hex.value = toHex(...rgb);
    this._picked = toHex(...rgb);
  }

  get_color() { return toHex(...hsvToRgb(...this.hsv)); }

  focusTarget() { return this.$plane; }
}

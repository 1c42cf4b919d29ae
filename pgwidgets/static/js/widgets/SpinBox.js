// @ts-check
/**
 * SpinBox: a number field (role spinbutton with aria-valuenow/min/max) and two stepper
 * buttons for mouse and touch. Up/Down step, Page Up/Down step ten times, Home/End go to
 * the limits, Enter or leaving the field commits typed text. `activated(value)` on every
 * committed change made by the user.
 */
import { Widget } from '../widget.js';

export default class SpinBox extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    this.dtype = options.dtype === 'float' ? 'float' : 'int';
    /** @type {number|null} */
    this.decimals = options.decimals ?? null;
    this.min = Number(options.min ?? 0);
    this.max = Number(options.max ?? 99);
    this.step = Number(options.step ?? 1);
    const input = document.createElement('input');
    input.type = 'text';
    input.inputMode = this.dtype === 'int' ? 'numeric' : 'decimal';
    input.className = 'pgw-input pgw-spin-input';
    input.setAttribute('role', 'spinbutton');
    this.$input = input;
    const buttons = document.createElement('span');
    buttons.className = 'pgw-spin-buttons';
    buttons.setAttribute('aria-hidden', 'true');
    this.$up = this._stepper('\u25b4', 1);
    this.$down = this._stepper('\u25be', -1);
    buttons.append(this.$up, this.$down);
    this.$el.append(input, buttons);
    this.value = this.min;
    this.set_value(options.value ?? this.min);
    input.addEventListener('keydown', (ev) => this._key(ev));
    input.addEventListener('change', () => this._commit(this._parse()));
  }

  /** @param {string} label @param {number} dir */
  _stepper(label, dir) {
    const b = document.createElement('button');
    b.type = 'button';
    b.tabIndex = -1;
    b.className = 'pgw-spin-step';
    b.textContent = label;
    b.addEventListener('pointerdown', (ev) => ev.preventDefault());
    b.addEventListener('click', () => this._commit(this.value + dir * this.step));
    return b;
  }

  focusTarget() { return this.$input; }

  /** @param {KeyboardEvent} ev */
  _key(ev) {
    /** @type {Record<string, () => number>} */
    const moves = {
      ArrowUp: () => this.value + this.step,
      ArrowDown: () => this.value - this.step,
      PageUp: () => this.value + 10 * this.step,
      PageDown: () => this.value - 10 * this.step,
      Home: () => this.min,
      End: () => this.max,
    };
    if (moves[ev.key]) {
      ev.preventDefault();
      this._commit(moves[ev.key]());
    } else if (ev.key === 'Enter') {
      this._commit(this._parse());
    }
  }

  _parse() {
    const v = parseFloat(this.$input.value);
    return Number.isFinite(v) ? v : this.value;
  }

  /** @param {number} v */
  _clean(v) {
    let x = Math.min(this.max, Math.max(this.min, v));
    if (this.dtype === 'int') x = Math.round(x);
    else if (this.decimals != null) x = Number(x.toFixed(this.decimals));
    else x = Number(x.toPrecision(12));
    return x;
  }

  /** A user change: show it and report it if it differs. @param {number} v */
  _commit(v) {
    const x = this._clean(v);
    const changed = x !== this.value;
    this._show(x);
    if (changed) this.emit('activated', x);
  }

  /** @param {number} x */
  _show(x) {
    this.value = x;
    this.$input.value = this.decimals != null && this.dtype === 'float'
      ? x.toFixed(this.decimals) : String(x);
    this.$input.setAttribute('aria-valuenow', String(x));
    this.$input.setAttribute('aria-valuemin', String(this.min));
    this.$input.setAttribute('aria-valuemax', String(this.max));
  }

  /** @param {number} val */
  set_value(val) { this._show(this._clean(Number(val))); }

  get_value() { return this.value; }

  /** @param {number} minval @param {number} maxval @param {number|null} incrval */
  set_limits(minval, maxval, incrval = null) {
    this.min = Number(minval);
    this.max = Number(maxval);
    if (incrval != null) this.step = Number(incrval);
    this._show(this._clean(this.value));
  }

  /** @param {number|null} num */
  set_decimals(num) {
    this.decimals = num;
    this._show(this._clean(this.value));
  }
}

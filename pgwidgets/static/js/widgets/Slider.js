// @ts-check
/**
 * Slider: a native range input (role slider; arrows, Page Up/Down, Home/End; mouse, touch
 * and pen drags). `activated(value)` when the user lets go or presses a key, or
 * continuously while dragging with `track`. `dtype` 'int' or 'float'; the optional value
 * read-out sits right ('r'), left ('l'), above ('t') or below ('b').
 */
import { Widget } from '../widget.js';

export default class Slider extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    this.dtype = options.dtype === 'float' ? 'float' : 'int';
    this.track = !!options.track;
    /** @type {number|null} */
    this.decimals = options.decimals ?? null;
    const input = document.createElement('input');
    input.type = 'range';
    input.className = 'pgw-slider-input';
    this.$input = input;
    this.$value = document.createElement('output');
    this.$value.className = 'pgw-slider-value';
    this.$value.hidden = !options.show_value;
    this.$el.dataset.valuePosition = String(options.show_value_position || 'r');
    const vertical = options.orientation === 'vertical';
    this.$el.dataset.orientation = vertical ? 'vertical' : 'horizontal';
    input.setAttribute('aria-orientation', vertical ? 'vertical' : 'horizontal');
    this.$el.append(input, this.$value);
    this.set_limits(options.min ?? 0, options.max ?? 100, options.step ?? 1);
    this.set_value(options.value ?? 50);
    /** the last value Python knows (set or reported): no duplicate reports */
    this._known = this.get_value();
    input.addEventListener('input', () => {
      this._showValue();
      if (this.track) this._report();
    });
    input.addEventListener('change', () => this._report());
  }

  focusTarget() { return this.$input; }

  _report() {
    const v = this.get_value();
    if (v === this._known) return;
    this._known = v;
    this.emit('activated', v);
  }

  /** @param {number} v */
  _format(v) {
    return this.decimals == null ? String(v) : v.toFixed(this.decimals);
  }

  _showValue() {
    const text = this._format(this.get_value());
    this.$value.textContent = text;
    this.$input.setAttribute('aria-valuetext', text);
  }

  /** @param {number} num */
  set_value(num) {
    this.$input.value = String(num);
    this._known = this.get_value();
    this._showValue();
  }

  get_value() {
    const v = parseFloat(this.$input.value);
    return this.dtype === 'int' ? Math.round(v) : v;
  }

  /** @param {number} minval @param {number} maxval @param {number|null} incrval */
  set_limits(minval, maxval, incrval = null) {
    this.$input.min = String(minval);
    this.$input.max = String(maxval);
    if (incrval != null) this.$input.step = String(incrval);
    else if (this.dtype === 'float') this.$input.step = 'any';
    this._known = this.get_value();
    this._showValue();
  }

  /** @param {boolean} track */
  set_tracking(track) { this.track = !!track; }

  /** @param {number|null} num */
  set_decimals(num) {
    this.decimals = num;
    this._showValue();
  }
}

// @ts-check
/** ProgressBar: role progressbar; `set_value(fraction 0..1)` fills it and shows "NN%". */
import { Widget } from '../widget.js';

export default class ProgressBar extends Widget {
  build() {
    this.$el.setAttribute('role', 'progressbar');
    this.$el.setAttribute('aria-valuemin', '0');
    this.$el.setAttribute('aria-valuemax', '100');
    this.$fill = document.createElement('div');
    this.$fill.className = 'pgw-progress-fill';
    this.$label = document.createElement('span');
    this.$label.className = 'pgw-progress-label';
    this.$el.append(this.$fill, this.$label);
    this.value = 0;
    this.set_value(0);
  }

  /** @param {number} value a fraction, clamped to 0..1 */
  set_value(value) {
    const v = Math.min(1, Math.max(0, Number(value) || 0));
    this.value = v;
    const pct = Math.round(v * 100);
    this.$fill.style.setProperty('--pgw-progress', String(v));
    this.$label.textContent = `${pct}%`;
    this.$el.setAttribute('aria-valuenow', String(pct));
  }

  get_value() { return this.value; }
}

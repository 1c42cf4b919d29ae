// @ts-check
/**
 * CheckBox: a native checkbox (role checkbox, Space toggles, mouse and touch) with its
 * label; `activated(state)` when the user toggles it, never when Python sets it.
 */
import { Widget } from '../widget.js';

export default class CheckBox extends Widget {
  static tag = 'label';

  /** @param {any[]} args */
  build(args) {
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.className = 'pgw-check';
    this.$input = input;
    this.$text = document.createElement('span');
    this.$el.append(input, this.$text);
    this.set_text(args[0] ?? '');
    input.addEventListener('change', () => this.emit('activated', input.checked));
  }

  focusTarget() { return this.$input; }

  /** @param {any} text */
  set_text(text) { this.$text.textContent = text == null ? '' : String(text); }

  get_text() { return this.$text.textContent; }

  /** @param {boolean} state */
  set_state(state) { this.$input.checked = !!state; }

  get_state() { return this.$input.checked; }
}

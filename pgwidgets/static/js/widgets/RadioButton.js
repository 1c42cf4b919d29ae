// @ts-check
/**
 * RadioButton: a native radio input (role radio) with its label. Members of a group share
 * a `name`, so the browser gives arrow-key movement between them and "n of m" for screen
 * readers. Only the button the user chose fires `activated(true)`; the one switched off
 * reports on the internal `_state` channel so Python's copy stays right.
 */
import { Widget } from '../widget.js';
import ButtonGroup from '../helpers/button-group.js';

export default class RadioButton extends Widget {
  static tag = 'label';

  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    const owner = options.group || this;
    const input = document.createElement('input');
    input.type = 'radio';
    input.className = 'pgw-radio';
    input.name = `pgw-radio-${owner.wid}`;
    this.$input = input;
    this.$text = document.createElement('span');
    this.$el.append(input, this.$text);
    this.state = false;
    this.group = ButtonGroup.of(owner);
    this.group.add(this);
    this.set_text(args[0] ?? '');
    input.addEventListener('change', () => {
      if (!input.checked) return;
      this.state = true;
      for (const peer of this.group.switchOffPeers(this)) peer.emit('_state', false);
      this.emit('activated', true);
    });
  }

  focusTarget() { return this.$input; }

  /** Show the state, nothing else (no callbacks). @param {boolean} on */
  applyState(on) {
    this.state = !!on;
    this.$input.checked = this.state;
  }

  /** @param {any} text */
  set_text(text) { this.$text.textContent = text == null ? '' : String(text); }

  get_text() { return this.$text.textContent; }

  /** @param {boolean} value */
  set_state(value) {
    this.applyState(!!value);
    if (value) this.group.switchOffPeers(this);
  }

  get_state() { return this.state; }

  destroy() {
    this.group.delete(this);
    super.destroy();
  }
}

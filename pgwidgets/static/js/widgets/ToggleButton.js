// @ts-check
/**
 * ToggleButton: a button that stays pressed (`aria-pressed`). With a `group` the members
 * are exclusive: pressing one releases the others, pressing the pressed one releases it.
 * Only the button the user pressed fires `activated(state)`; peers released as a side
 * effect report on the internal `_state` channel so Python's copy stays right.
 */
import Button from './Button.js';
import ButtonGroup from '../helpers/button-group.js';

export default class ToggleButton extends Button {
  static tag = 'button';

  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.$el.classList.add('pgw-toggle-button');
    this.state = false;
    this.applyState(false);
    this.group = ButtonGroup.of(options.group || this);
    this.group.add(this);
  }

  pressed() {
    const on = !this.state;
    this.applyState(on);
    if (on) for (const peer of this.group.switchOffPeers(this)) peer.emit('_state', false);
    this.emit('activated', on);
  }

  /** Show the state, nothing else (no callbacks). @param {boolean} on */
  applyState(on) {
    this.state = !!on;
    this.$el.setAttribute('aria-pressed', String(this.state));
  }

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

// @ts-check
/**
 * ToolBar: a row (or column) of ToolBarActions and other widgets (`role=toolbar`). Its
 * actions form one Tab stop; arrow keys (Left/Right, or Up/Down when vertical), Home and
 * End move between them.
 */
import { ContainerWidget } from '../container.js';

export default class ToolBar extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.vertical = options.orientation === 'vertical';
    this.$el.setAttribute('role', 'toolbar');
    this.$el.setAttribute('aria-orientation', this.vertical ? 'vertical' : 'horizontal');
    this.$el.classList.toggle('pgw-vertical', this.vertical);
    this.$el.addEventListener('keydown', (ev) => this._keydown(ev));
    this.$el.addEventListener('focusin', (ev) => {
      const b = /** @type {HTMLElement} */ (ev.target);
      if (this.buttons().includes(b)) this._rove(b);
    });
  }

  /** @returns {HTMLElement[]} the actions' buttons, in order */
  buttons() {
    return /** @type {HTMLElement[]} */ ([...this.$el.querySelectorAll(':scope > .pgw-tool-bar-action')])
      .filter((b) => !b.hidden && !b.hasAttribute('data-disabled'));
  }

  /** @param {HTMLElement} current */
  _rove(current) {
    for (const b of this.buttons()) b.tabIndex = b === current ? 0 : -1;
  }

  /** @param {any} child */
  placeChild(child) {
    this.$el.append(child.$el);
    const buttons = this.buttons();
    if (buttons.length) this._rove(buttons.find((b) => b.tabIndex === 0) || buttons[0]);
  }

  /** @param {any} child */
  add_widget(child) { this.adopt(child); }

  add_separator() {
    const sep = document.createElement('div');
    sep.className = 'pgw-tool-bar-separator';
    sep.setAttribute('role', 'separator');
    sep.setAttribute('aria-orientation', this.vertical ? 'horizontal' : 'vertical');
    this.$el.append(sep);
  }

  add_spacer() {
    const sp = document.createElement('div');
    sp.className = 'pgw-tool-bar-spacer';
    sp.setAttribute('aria-hidden', 'true');
    this.$el.append(sp);
  }

  /** @param {KeyboardEvent} ev */
  _keydown(ev) {
    const buttons = this.buttons();
    const i = buttons.indexOf(/** @type {HTMLElement} */ (ev.target));
    if (i < 0) return;
    const next = this.vertical ? 'ArrowDown' : 'ArrowRight';
    const prev = this.vertical ? 'ArrowUp' : 'ArrowLeft';
    let to = -1;
    if (ev.key === next) to = (i + 1) % buttons.length;
    else if (ev.key === prev) to = (i - 1 + buttons.length) % buttons.length;
    else if (ev.key === 'Home') to = 0;
    else if (ev.key === 'End') to = buttons.length - 1;
    if (to < 0) return;
    ev.preventDefault();
    this._rove(buttons[to]);
    buttons[to].focus();
  }
}

// @ts-check
/**
 * Expander: a header button that shows or hides one child. The header is a real button
 * (Enter/Space, aria-expanded, aria-controls); `toggled(collapsed)` reports user toggles.
 * With `collapsible: false` the header is a plain heading and the child always shows.
 */
import { ContainerWidget } from '../container.js';
import { uid } from '../widget.js';

export default class Expander extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.collapsible = options.collapsible !== false;
    this.collapsed = false;
    const headId = uid('pgw-exp');
    const bodyId = uid('pgw-exp-body');
    this.$head = document.createElement('button');
    this.$head.type = 'button';
    this.$head.className = 'pgw-expander-header';
    this.$head.id = headId;
    this.$head.setAttribute('aria-controls', bodyId);
    this.$arrow = document.createElement('span');
    this.$arrow.className = 'pgw-expander-arrow';
    this.$arrow.setAttribute('aria-hidden', 'true');
    this.$title = document.createElement('span');
    this.$title.className = 'pgw-expander-title';
    this.$head.append(this.$arrow, this.$title);
    this.$inner = document.createElement('div');
    this.$inner.className = 'pgw-expander-content';
    this.$inner.id = bodyId;
    this.$inner.setAttribute('role', 'region');
    this.$inner.setAttribute('aria-labelledby', headId);
    this.$el.append(this.$head, this.$inner);
    this.$content = this.$inner;
    this.$el.classList.toggle('pgw-expander-shadow', options.shadow !== false);
    if (options.bg_color) this.set_bg(options.bg_color);
    if (!this.collapsible) {
      this.$head.disabled = true;
      this.$head.removeAttribute('aria-controls');
    }
    this.set_title(options.title ?? '');
    this.set_collapsed(false);
    this.$head.addEventListener('click', () => this.toggleContent(true));
  }

  /** @param {any} text */
  set_title(text) { this.$title.textContent = text == null ? '' : String(text); }

  /** @param {boolean} collapsed */
  set_collapsed(collapsed) {
    this.collapsed = this.collapsible && !!collapsed;
    this.$inner.hidden = this.collapsed;
    this.$el.dataset.collapsed = String(this.collapsed);
    if (this.collapsible) this.$head.setAttribute('aria-expanded', String(!this.collapsed));
    this.$arrow.textContent = this.collapsed ? '\u25b6' : '\u25bc';
  }

  get_collapsed() { return this.collapsed; }

  /** Flip the state; `user` reports it (a click), Python's calls never do. @param {boolean} user */
  toggleContent(user = false) {
    if (!this.collapsible) return;
    this.set_collapsed(!this.collapsed);
    if (user) this.emit('toggled', this.collapsed);
  }
}

// @ts-check
/**
 * TabWidget: pages behind a row (or column) of tabs, following the ARIA tabs pattern:
 * `tablist` of `tab`s with a roving tabindex, one `tabpanel` per page. Arrow keys (Left/
 * Right, or Up/Down for tabs on the left or right), Home and End move and select; Delete
 * asks to close a closable tab. `page-switch(child, index)` when the user picks a page,
 * `page-close(child)` when they ask to close one (a request: the app removes it).
 * Setters (`set_index`) never emit. After a removal the same index stays selected
 * (clamped), as Python's mirror assumes.
 *
 * With `reorderable` the user moves tabs: by dragging one along the bar (`helpers/tab-drag.js`)
 * or with Ctrl+Shift+ArrowLeft/ArrowRight (ArrowUp/ArrowDown for tabs at the left or
 * right; Cmd+Shift on macOS too) and Ctrl+Shift+Home/End. A move keeps the selected page
 * selected and the focused tab focused, and reports `page-move(child, from, to, order)`,
 * `order` being the pages before the move (Python's check that nothing crossed it; its
 * handlers get the first three). `set_page_order(children)` is Python's order (another
 * browser moved a tab, or a refused move is undone).
 */
import { ContainerWidget } from '../container.js';
import { uid } from '../widget.js';
import TabDrag from '../helpers/tab-drag.js';

const POSITIONS = ['top', 'bottom', 'left', 'right', 'none'];

export default class TabWidget extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.closable = !!options.closable;
    this.reorderable = !!options.reorderable;
    this.index = -1;
    this.$bar = document.createElement('div');
    this.$bar.className = 'pgw-tab-bar';
    this.$bar.setAttribute('role', 'tablist');
    this.$panels = document.createElement('div');
    this.$panels.className = 'pgw-tab-panels';
    this.$el.append(this.$bar, this.$panels);
    /** @type {Map<any, {tab: HTMLElement, label: HTMLElement, panel: HTMLElement}>} */
    this.pages = new Map();
    this.$bar.addEventListener('keydown', (ev) => this._key(ev));
    /** @type {TabDrag | null} */
    this._drag = null;
    if (this.reorderable) {
      this.$bar.dataset.reorderable = '';
      this._drag = new TabDrag(this);
    }
    this.set_tab_position(options.tab_position || this.defaultPosition());
  }

  defaultPosition() { return 'top'; }

  /**
   * @param {any} child
   * @param {Record<string, any>|string|null} options `{title}` (or the title)
   */
  placeChild(child, options = null) {
    const opts = typeof options === 'string' ? { title: options } : (options || {});
    const tab = document.createElement('div');
    tab.className = 'pgw-tab';
    tab.id = uid('pgw-tab');
    tab.setAttribute('role', 'tab');
    tab.tabIndex = -1;
    const label = document.createElement('span');
    label.className = 'pgw-tab-label';
    label.textContent = opts.title == null ? '' : String(opts.title);
    tab.appendChild(label);
    if (this.closable) {
      const close = document.createElement('span');
      close.className = 'pgw-tab-close';
      close.setAttribute('aria-hidden', 'true');
      close.title = 'Close';
      close.textContent = '\u00d7';
      close.addEventListener('pointerdown', (ev) => ev.stopPropagation());
      close.addEventListener('click', (ev) => {
        ev.stopPropagation();
        this.emit('page-close', child);
      });
      tab.appendChild(close);
    }
    const panel = document.createElement('div');
    panel.className = 'pgw-tab-panel';
    panel.id = uid('pgw-tabpanel');
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.tabIndex = 0;
    tab.setAttribute('aria-controls', panel.id);
    panel.appendChild(child.$el);
    tab.addEventListener('click', () => this._pick(this.children.indexOf(child), false));
    this.$bar.appendChild(tab);
    this.$panels.appendChild(panel);
    this.pages.set(child, { tab, label, panel });
    this._shortcuts(tab);
    this._show(this.index < 0 ? 0 : this.index);
  }

  /** Whether the tabs run top to bottom (tab bar at the left or right). */
  _vertical() {
    return this.$el.dataset.position === 'left' || this.$el.dataset.position === 'right';
  }

  /**
   * Tell assistive technology a tab's keys beyond the tabs pattern's (close, move).
   * @param {HTMLElement} tab
   */
  _shortcuts(tab) {
    const keys = [];
    if (this.closable) keys.push('Delete');
    if (this.reorderable) {
      const [prev, next] = this._vertical() ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
      keys.push(...[prev, next, 'Home', 'End'].map((k) => `Control+Shift+${k}`));
    }
    if (keys.length) tab.setAttribute('aria-keyshortcuts', keys.join(' '));
    else tab.removeAttribute('aria-keyshortcuts');
  }

  /** @param {any} child */
  unplaceChild(child) {
    const page = this.pages.get(child);
    if (!page) return;
    page.tab.remove();
    page.panel.remove();
    this.pages.delete(child);
    this._show(this.index);
  }

  /** @param {any} child @param {Record<string, any>|string|null} options */
  add_widget(child, options = null) { this.adopt(child, options); }

  /**
   * Select page `index` (clamped) without reporting it.
   * @param {number} index
   */
  _show(index) {
    const n = this.children.length;
    this.index = n === 0 ? -1 : Math.max(0, Math.min(n - 1, index));
    this.children.forEach((c, i) => {
      const page = this.pages.get(c);
      if (!page) return;
      const on = i === this.index;
      page.tab.setAttribute('aria-selected', String(on));
      page.tab.tabIndex = on ? 0 : -1;
      page.panel.hidden = !on;
    });
  }

  /**
   * The user picked page `index`: select, focus its tab if asked, report a change.
   * @param {number} index
   * @param {boolean} focus
   */
  _pick(index, focus) {
    const before = this.index;
    this._show(index);
    const child = this.children[this.index];
    if (focus && child) this.pages.get(child)?.tab.focus();
    if (child && this.index !== before) this.emit('page-switch', child, this.index);
  }

  /** @param {KeyboardEvent} ev */
  _key(ev) {
    const vertical = this._vertical();
    const prev = vertical ? 'ArrowUp' : 'ArrowLeft';
    const next = vertical ? 'ArrowDown' : 'ArrowRight';
    const n = this.children.length;
    if (!n) return;
    if (ev.key === 'Escape' && this._drag?.dragging) {
      ev.preventDefault();
      this._drag.cancel();
      return;
    }
    const here = this.children.findIndex((c) => this.pages.get(c)?.tab === document.activeElement);
    const from = here < 0 ? this.index : here;
    /** @type {Record<string, number>} Ctrl+Shift (or Cmd+Shift) + key: where the tab goes */
    const moves = { [prev]: from - 1, [next]: from + 1, Home: 0, End: n - 1 };
    if (this.reorderable && ev.shiftKey && (ev.ctrlKey || ev.metaKey) && !ev.altKey
        && Object.hasOwn(moves, ev.key)) {
      ev.preventDefault();
      if (!this._drag?.dragging) this._userMove(from, Math.max(0, Math.min(n - 1, moves[ev.key])));
      return;
    }
    let to = -1;
    if (ev.key === prev) to = (from - 1 + n) % n;
    else if (ev.key === next) to = (from + 1) % n;
    else if (ev.key === 'Home') to = 0;
    else if (ev.key === 'End') to = n - 1;
    else if (ev.key === 'Delete' && this.closable) {
      ev.preventDefault();
      this.emit('page-close', this.children[from]);
      return;
    } else if (ev.key === 'Enter' || ev.key === ' ') to = from;
    if (to < 0) return;
    ev.preventDefault();
    this._pick(to, true);
  }

  /**
   * The user moved page `from` to `to`: move it and report `page-move` (with the order
   * before, for Python's check). Returns false, changing nothing, for a move that is not
   * one (not reorderable, out of range, or in place).
   * @param {number} from
   * @param {number} to
   * @returns {boolean}
   */
  _userMove(from, to) {
    const n = this.children.length;
    if (!this.reorderable || from === to || !(from >= 0 && from < n && to >= 0 && to < n)) {
      return false;
    }
    const before = [...this.children];
    const child = this.children[from];
    const order = [...before];
    order.splice(to, 0, ...order.splice(from, 1));
    this._order(order);
    this.emit('page-move', child, from, to, before);
    return true;
  }

  /**
   * Put the pages in `order`, keeping the selected page selected.
   * @param {any[]} order every page once
   */
  _order(order) {
    const selected = this.children[this.index];
    this.children.splice(0, this.children.length, ...order);
    this._arrange();
    if (selected) this._show(this.children.indexOf(selected));
  }

  /**
   * Put the tab elements in `order` (default: the pages' order) without detaching `keep`
   * (default: the focused tab), so its focus and pointer capture survive: the other tabs
   * move around it.
   * @param {any[]} [order]
   * @param {HTMLElement|null} [keep]
   */
  _arrange(order = this.children, keep = null) {
    const tabs = /** @type {HTMLElement[]} */ (
      order.map((c) => this.pages.get(c)?.tab).filter((t) => !!t));
    const shown = [...this.$bar.children];
    if (tabs.length === shown.length && tabs.every((t, i) => t === shown[i])) return;
    const focused = /** @type {HTMLElement} */ (document.activeElement);
    const anchor = keep && tabs.includes(keep) ? keep : (tabs.includes(focused) ? focused : null);
    if (!anchor) {
      this.$bar.append(...tabs);
      return;
    }
    const at = tabs.indexOf(anchor);
    for (let k = 0; k < at; k++) this.$bar.insertBefore(tabs[k], anchor);
    let last = anchor;
    for (let k = at + 1; k < tabs.length; k++) {
      last.after(tabs[k]);
      last = tabs[k];
    }
  }

  /**
   * Python's page order (no callback): pages it does not name keep their order after it.
   * @param {any[]} children
   */
  set_page_order(children) {
    this._drag?.cancel();
    const named = (children || []).filter((c, i, all) => this.pages.has(c) && all.indexOf(c) === i);
    this._order([...named, ...this.children.filter((c) => !named.includes(c))]);
  }

  /** @param {number} index */
  set_index(index) { this._show(Number(index)); }

  get_index() { return this.index; }

  /** @param {any} child */
  show_widget(child) { this._show(this.children.indexOf(child)); }

  /** @param {any} child */
  close_widget(child) { this.remove(child); }

  /** @param {any} child */
  index_of(child) { return this.children.indexOf(child); }

  /** @param {number} index */
  index_to_widget(index) { return this.children[index] ?? null; }

  /** @param {any} child @param {string|null} bgcolor */
  highlight_tab(child, bgcolor) {
    const page = this.pages.get(child);
    if (!page) return;
    if (bgcolor) page.tab.style.setProperty('--pgw-w-bg', String(bgcolor));
    else page.tab.style.removeProperty('--pgw-w-bg');
    page.tab.classList.toggle('pgw-tab-highlight', !!bgcolor);
  }

  /** @param {string} tabpos 'top' | 'bottom' | 'left' | 'right' | 'none' */
  set_tab_position(tabpos) {
    if (!POSITIONS.includes(tabpos)) {
      throw new Error(`bad tab position ${tabpos}: use ${POSITIONS.join(', ')}`);
    }
    this.$el.dataset.position = tabpos;
    this.$bar.hidden = tabpos === 'none';
    const vertical = tabpos === 'left' || tabpos === 'right';
    this.$bar.setAttribute('aria-orientation', vertical ? 'vertical' : 'horizontal');
    for (const page of this.pages.values()) this._shortcuts(page.tab);
  }
}

// @ts-check
/**
 * ComboBox: an input with role combobox and a popup list (role listbox, options with
 * aria-selected); the WAI-ARIA combobox pattern. Keyboard: Alt+Down or Down opens,
 * Up/Down/Home/End move, Enter picks, Escape closes; mouse and touch: press the field or
 * the arrow, then an item. `activated(index, text)` when the user picks; an `editable`
 * box also takes typed text (`modified(text)` while typing; Enter adds new text to the list
 * and fires `activated` with its index). The list rules match Python's copy (defs/controls.py): the
 * first item added to an empty box is shown; deleting the shown item shows the first one.
 * The open list lives in the page root (like menus): a fixed-position popup inside the
 * widget would be placed and clipped by any ancestor that contains layout, such as a
 * child of a long box (box.css). It comes back into the widget when it closes.
 */
import { Widget, uid } from '../widget.js';

const MODIFIED_DELAY = 300;

export default class ComboBox extends Widget {
  /** @param {any[]} _args @param {Record<string, any>} options */
  build(_args, options) {
    this.editable = !!options.editable;
    this.limit = Number(options.dropdown_limit) || 0;
    /** @type {string[]} */
    this.items = [];
    this.text = '';
    this.active = -1;
    /** @type {number | undefined} */
    this._timer = undefined;
    const listId = uid('pgw-listbox');
    const input = document.createElement('input');
    input.className = 'pgw-input pgw-combo-input';
    input.type = 'text';
    input.readOnly = !this.editable;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('aria-autocomplete', 'none');
    input.autocomplete = 'off';
    this.$input = input;
    const arrow = document.createElement('button');
    arrow.type = 'button';
    arrow.className = 'pgw-combo-arrow';
    arrow.tabIndex = -1;
    arrow.setAttribute('aria-hidden', 'true');
    arrow.textContent = '\u25be';
    this.$arrow = arrow;
    const list = document.createElement('ul');
    list.className = 'pgw-combo-list';
    list.id = listId;
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    this.$list = list;
    this.$el.append(input, arrow, list);

    input.addEventListener('keydown', (ev) => this._key(ev));
    input.addEventListener('click', () => { if (!this.editable) this.toggle(); });
    arrow.addEventListener('click', () => { this.toggle(); input.focus(); });
    input.addEventListener('blur', () => this.close());
    input.addEventListener('input', () => {
      this.text = input.value;
      clearTimeout(this._timer);
      this._timer = window.setTimeout(() => this.emit('modified', input.value), MODIFIED_DELAY);
    });
    // pointerdown would blur the input first and close the list: keep the focus
    list.addEventListener('pointerdown', (ev) => ev.preventDefault());
    list.addEventListener('click', (ev) => {
      const li = /** @type {HTMLElement} */ (ev.target).closest('li');
      if (li) this._pick(Number(li.dataset.index));
    });
  }

  focusTarget() { return this.$input; }

  get isOpen() { return !this.$list.hidden; }

  /** @param {KeyboardEvent} ev */
  _key(ev) {
    const n = this.items.length;
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        if (!this.isOpen) this.open();
        else if (!ev.altKey) this._setActive(Math.min(n - 1, this.active + 1));
        return;
      case 'ArrowUp':
        ev.preventDefault();
        if (ev.altKey) this.close();
        else if (this.isOpen) this._setActive(Math.max(0, this.active - 1));
        return;
      case 'Home':
      case 'End':
        if (!this.isOpen) return;
        ev.preventDefault();
        this._setActive(ev.key === 'Home' ? 0 : n - 1);
        return;
      case 'Enter':
        ev.preventDefault();
        if (this.isOpen && this.active >= 0) this._pick(this.active);
        else if (this.editable) {
          clearTimeout(this._timer);
          this.close();
          this.text = this.$input.value;
          if (this.text && !this.items.includes(this.text)) {
            this.append_text(this.text); // new text joins the list, and Python's copy of it
            this.emit('_appended', this.text);
          }
          this.emit('activated', this.items.indexOf(this.text), this.text);
        } else this.open();
        return;
      case ' ':
        if (!this.editable && !this.isOpen) { ev.preventDefault(); this.open(); }
        return;
      case 'Escape':
        if (this.isOpen) { ev.preventDefault(); ev.stopPropagation(); this.close(); }
        return;
      default:
    }
  }

  /** @param {number} index */
  _pick(index) {
    if (index < 0 || index >= this.items.length) return;
    clearTimeout(this._timer);
    this._show(this.items[index]);
    this.close();
    this.emit('activated', index, this.text);
  }

  open() {
    if (!this.items.length) return;
    this._render();
    const r = this.$el.getBoundingClientRect();
    const list = this.$list;
    if (list.parentElement !== this.client.root) this.client.root.append(list);
    list.hidden = false;
    list.style.minWidth = `${Math.round(r.width)}px`;
    list.style.left = `${Math.round(r.left)}px`;
    const below = window.innerHeight - r.bottom;
    if (below < list.offsetHeight && r.top > below) {
      list.style.top = `${Math.round(r.top - list.offsetHeight)}px`;
    } else {
      list.style.top = `${Math.round(r.bottom)}px`;
    }
    this.$input.setAttribute('aria-expanded', 'true');
    this._setActive(Math.max(0, this.items.indexOf(this.text)));
  }

  close() {
    this.$list.hidden = true;
    if (this.$list.parentElement !== this.$el) this.$el.append(this.$list);
    this.$input.setAttribute('aria-expanded', 'false');
    this.$input.removeAttribute('aria-activedescendant');
  }

  toggle() {
    if (this.isOpen) this.close();
    else this.open();
  }

  _render() {
    const frag = document.createDocumentFragment();
    this.items.forEach((text, i) => {
      const li = document.createElement('li');
      li.id = `${this.$list.id}-${i}`;
      li.setAttribute('role', 'option');
      li.dataset.index = String(i);
      li.textContent = text;
      li.setAttribute('aria-selected', String(text === this.text));
      frag.append(li);
    });
    this.$list.replaceChildren(frag);
    if (this.limit > 0 && this.items.length > this.limit) {
      this.$list.style.setProperty('--pgw-combo-rows', String(this.limit));
      this.$list.classList.add('pgw-limited');
    } else {
      this.$list.classList.remove('pgw-limited');
    }
  }

  /** @param {number} index */
  _setActive(index) {
    this.active = index;
    const lis = this.$list.children;
    for (let i = 0; i < lis.length; i++) lis[i].classList.toggle('pgw-active', i === index);
    const li = /** @type {HTMLElement | undefined} */ (lis[index]);
    if (li) {
      this.$input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    }
  }

  /** @param {string} text */
  _show(text) {
    this.text = text;
    this.$input.value = text;
    if (this.isOpen) this._render();
  }

  _listChanged() {
    if (this.isOpen) this._render();
  }

  // ------------------------------------------------------------------ API
  /** @param {any} text */
  append_text(text) {
    const wasEmpty = !this.items.length;
    this.items.push(String(text));
    if (wasEmpty && this.text === '') this._show(this.items[0]);
    this._listChanged();
  }

  /** Insert keeping alphabetical order (after equal items). @param {any} text */
  insert_alpha(text) {
    const t = String(text);
    const wasEmpty = !this.items.length;
    let i = 0;
    while (i < this.items.length && this.items[i] <= t) i++;
    this.items.splice(i, 0, t);
    if (wasEmpty && this.text === '') this._show(this.items[0]);
    this._listChanged();
  }

  /** @param {any} text */
  delete_alpha(text) {
    const t = String(text);
    const i = this.items.indexOf(t);
    if (i < 0) return;
    this.items.splice(i, 1);
    if (this.text === t && !this.items.includes(t)) this._show(this.items[0] ?? '');
    this._listChanged();
  }

  clear() {
    this.items = [];
    this._show('');
    this.close();
  }

  /** @param {any} text */
  set_text(text) {
    clearTimeout(this._timer);
    this._show(text == null ? '' : String(text));
  }

  /** @param {any} text */
  show_text(text) { this.set_text(text); }

  get_text() { return this.text; }

  /** @param {number} idx */
  set_index(idx) {
    clearTimeout(this._timer);
    this._show(idx >= 0 && idx < this.items.length ? this.items[idx] : '');
  }

  get_index() { return this.items.indexOf(this.text); }

  /** @param {number} idx */
  get_alpha(idx) { return this.items[idx] ?? null; }

  /** @param {number} numchars */
  set_length(numchars) { this.$input.size = Math.max(1, Number(numchars) || 1); }

  destroy() {
    clearTimeout(this._timer);
    this.close(); // an open list lives in the page root: take it back first
    super.destroy();
  }
}

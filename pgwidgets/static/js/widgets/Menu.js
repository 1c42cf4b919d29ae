// @ts-check
/**
 * Menu: a pop-up list of MenuActions, separators and submenus (`role=menu`). It opens
 * from a MenuBar, from a parent menu (hover, Right or Enter on its item) or at a point
 * (`popup(x, y)`). Keys: Up/Down/Home/End move, Enter/Space choose, Right opens a
 * submenu (or the next menu of the bar), Left closes a submenu (or goes to the previous
 * menu of the bar), Escape closes one level, Tab closes all, a letter moves to the next
 * item starting with it. A press outside closes all.
 */
import { ContainerWidget } from '../container.js';

/** @type {Set<Menu>} menus open now */
const openMenus = new Set();

/** Close every open menu (after a choice, Tab, or a press outside). */
export function closeAllMenus() {
  for (const m of [...openMenus]) m.close();
}

/** @param {Event} ev */
function outsidePress(ev) {
  const target = /** @type {Element} */ (ev.target);
  // presses in a menu, the bar, or on the button that opened a menu are theirs to handle
  if (!target.closest || target.closest('.pgw-menu, .pgw-menu-bar, [aria-haspopup="menu"][aria-expanded="true"]')) return;
  closeAllMenus();
}
document.addEventListener('pointerdown', outsidePress, { capture: true });

const ITEM = ':scope > [role="menuitem"], :scope > [role="menuitemcheckbox"]';

export default class Menu extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    const el = this.$el;
    el.setAttribute('role', 'menu');
    el.hidden = true;
    el.tabIndex = -1;
    /** @type {Menu | null} the menu this one is a submenu of */
    this.parentMenu = null;
    /** @type {any} the MenuBar this one drops down from */
    this.menubar = null;
    /** @type {HTMLElement | null} the item that opens this menu */
    this.opener = null;
    /** @type {Menu | null} the submenu open now */
    this.openChild = null;
    /** @type {Element | null} */
    this._returnFocus = null;
    /** the title of the submenu being added (see add_menu) */
    this._pendingName = '';
    el.addEventListener('keydown', (ev) => this._keydown(ev));
    el.addEventListener('pointermove', (ev) => {
      const item = /** @type {HTMLElement | null} */ (
        /** @type {Element} */ (ev.target).closest('[role^="menuitem"]'));
      if (!item || item.parentElement !== el || document.activeElement === item) return;
      item.focus();
      this._hovered(item);
    });
  }

  // ------------------------------------------------------------ structure
  /** @param {any} child */
  placeChild(child) {
    if (child instanceof Menu) {
      const item = document.createElement('div');
      item.className = 'pgw-menu-item pgw-submenu-item';
      item.setAttribute('role', 'menuitem');
      item.setAttribute('aria-haspopup', 'menu');
      item.setAttribute('aria-expanded', 'false');
      item.tabIndex = -1;
      const text = document.createElement('span');
      text.className = 'pgw-menu-text';
      text.textContent = this._pendingName;
      const arrow = document.createElement('span');
      arrow.className = 'pgw-menu-arrow';
      arrow.setAttribute('aria-hidden', 'true');
      arrow.textContent = '\u25b8';
      item.append(text, arrow);
      /** @type {any} */ (item).__submenu = child;
      item.addEventListener('click', () => this._openSub(item, false));
      child.parentMenu = this;
      child.opener = item;
      this.$el.append(item);
      return;
    }
    this.$el.append(child.$el);
  }

  /** @param {any} child */
  unplaceChild(child) {
    if (child instanceof Menu && child.opener) {
      child.close();
      child.opener.remove();
      child.opener = null;
      child.parentMenu = null;
    }
  }

  /** @param {any} child */
  add_widget(child) { this.adopt(child); }

  /** @param {string} name @param {Menu} menu */
  add_menu(name, menu) {
    this._pendingName = name == null ? '' : String(name);
    this.adopt(menu);
  }

  add_separator() {
    const sep = document.createElement('div');
    sep.className = 'pgw-menu-separator';
    sep.setAttribute('role', 'separator');
    this.$el.append(sep);
  }

  // ------------------------------------------------------------ opening
  /**
   * Show at viewport coordinates, kept inside the window.
   * @param {number} x @param {number} y
   * @param {boolean} focusFirst
   */
  openAt(x, y, focusFirst) {
    if (!openMenus.has(this) && !this.parentMenu && !this.menubar) {
      this._returnFocus = document.activeElement;
    }
    const el = this.$el;
    if (el.parentElement !== this.client.root) this.client.root.append(el);
    el.hidden = false;
    openMenus.add(this);
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    el.style.left = `${Math.max(0, Math.min(x, window.innerWidth - w))}px`;
    el.style.top = `${Math.max(0, Math.min(y, window.innerHeight - h))}px`;
    if (this.opener) this.opener.setAttribute('aria-expanded', 'true');
    if (focusFirst) this.focusItem(0);
    else el.focus();
  }

  /** @param {number|null} x @param {number|null} y */
  popup(x = null, y = null) {
    closeAllMenus();
    const r = this.client.root.getBoundingClientRect();
    this.openAt(x ?? r.left + r.width / 2, y ?? r.top + r.height / 3, true);
  }

  /** Hide this menu and its open submenus; focus inside goes back to the opener. */
  close() {
    if (this.openChild) this.openChild.close();
    this.openChild = null;
    if (this.parentMenu && this.parentMenu.openChild === this) this.parentMenu.openChild = null;
    const hadFocus = this.$el.contains(document.activeElement);
    openMenus.delete(this);
    this.$el.hidden = true;
    if (this.opener) this.opener.setAttribute('aria-expanded', 'false');
    if (this.menubar) this.menubar.menuClosed(this);
    const back = /** @type {HTMLElement | null} */ (this._returnFocus || this.opener);
    this._returnFocus = null;
    if (hadFocus && back && back.isConnected) back.focus();
  }

  /** @returns {HTMLElement[]} */
  items() {
    return /** @type {HTMLElement[]} */ ([...this.$el.querySelectorAll(ITEM)])
      .filter((i) => !i.hidden && !i.hasAttribute('data-disabled'));
  }

  /** @param {number} index negative counts from the end */
  focusItem(index) {
    const items = this.items();
    if (!items.length) {
      this.$el.focus();
      return;
    }
    items[((index % items.length) + items.length) % items.length].focus();
  }

  /** @param {HTMLElement} item @param {boolean} focusFirst */
  _openSub(item, focusFirst) {
    const sub = /** @type {Menu} */ (/** @type {any} */ (item).__submenu);
    if (!sub) return;
    if (this.openChild && this.openChild !== sub) this.openChild.close();
    this.openChild = sub;
    const r = item.getBoundingClientRect();
    sub.openAt(r.right - 2, r.top, focusFirst);
  }

  /** @param {HTMLElement} item */
  _hovered(item) {
    if (/** @type {any} */ (item).__submenu) this._openSub(item, false);
    else if (this.openChild) this.openChild.close();
  }

  // ------------------------------------------------------------ keyboard
  /** @param {KeyboardEvent} ev */
  _keydown(ev) {
    if (ev.target !== this.$el && /** @type {HTMLElement} */ (ev.target).parentElement !== this.$el) {
      return; // a key in a submenu element nested in the DOM: not ours
    }
    const items = this.items();
    const current = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    const item = current >= 0 ? items[current] : null;
    let handled = true;
    switch (ev.key) {
      case 'ArrowDown': this.focusItem(current + 1); break;
      case 'ArrowUp': this.focusItem(current < 0 ? -1 : current - 1); break;
      case 'Home': this.focusItem(0); break;
      case 'End': this.focusItem(-1); break;
      case 'Enter':
      case ' ':
        if (item && /** @type {any} */ (item).__submenu) this._openSub(item, true);
        else if (item) item.click();
        break;
      case 'ArrowRight':
        if (item && /** @type {any} */ (item).__submenu) this._openSub(item, true);
        else if (this._rootMenu().menubar) this._rootMenu().menubar.moveBy(1);
        break;
      case 'ArrowLeft':
        if (this.parentMenu) {
          this.close();
        } else if (this.menubar) {
          this.menubar.moveBy(-1);
        }
        break;
      case 'Escape': this.close(); break;
      case 'Tab':
        closeAllMenus();
        handled = false;
        break;
      default:
        handled = ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey
          && this._typeahead(ev.key, items, current);
    }
    if (handled) {
      ev.preventDefault();
      ev.stopPropagation();
    }
  }

  /**
   * Focus the next item whose label starts with `char` (after the current one, wrapping).
   * @param {string} char @param {HTMLElement[]} items @param {number} current
   * @returns {boolean} whether an item matched
   */
  _typeahead(char, items, current) {
    const c = char.toLowerCase();
    for (let k = 1; k <= items.length; k += 1) {
      const item = items[(current + k + items.length) % items.length];
      const label = item.querySelector('.pgw-menu-text') || item;
      if ((label.textContent || '').trim().toLowerCase().startsWith(c)) {
        item.focus();
        return true;
      }
    }
    return false;
  }

  /** @returns {Menu} */
  _rootMenu() {
    /** @type {Menu} */
    let m = this;
    while (m.parentMenu) m = m.parentMenu;
    return m;
  }

  /** @param {any} child */
  childDestroyed(child) {
    this.release(child);
  }

  destroy() {
    this.close();
    super.destroy();
  }
}

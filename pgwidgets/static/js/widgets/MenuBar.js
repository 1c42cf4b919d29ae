// @ts-check
/**
 * MenuBar: a row of menu titles (`role=menubar`, one Tab stop with a roving tabindex).
 * Left/Right move between titles (switching the open menu if one is open), Down, Enter
 * or Space open a menu on its first item; a press opens or closes, and dragging from the
 * title to an item and releasing there chooses it; while a menu is open, hovering another
 * title opens that one instead.
 */
import { ContainerWidget } from '../container.js';
import Menu, { closeAllMenus } from './Menu.js';

export default class MenuBar extends ContainerWidget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    this.$el.setAttribute('role', 'menubar');
    /** @type {Menu | null} */
    this.openMenu = null;
    /** the title being added (see add_menu) */
    this._pending = { name: '', options: /** @type {Record<string, any>} */ ({}) };
    /** a press on a title is being handled (its click must not toggle again) */
    this._pressed = false;
    this.$el.addEventListener('keydown', (ev) => this._keydown(ev));
  }

  /** @param {any} child */
  placeChild(child) {
    if (!(child instanceof Menu)) {
      this.$el.append(child.$el);
      return;
    }
    const { name, options } = this._pending;
    const item = document.createElement('div');
    item.className = 'pgw-menu-bar-item';
    item.setAttribute('role', 'menuitem');
    item.setAttribute('aria-haspopup', 'menu');
    item.setAttribute('aria-expanded', 'false');
    item.tabIndex = this.titles().length ? -1 : 0;
    if (options.icon_url) {
      const icon = document.createElement('img');
      icon.className = 'pgw-menu-icon';
      icon.alt = '';
      icon.src = String(options.icon_url);
      if (options.iconsize) [icon.width, icon.height] = options.iconsize;
      item.append(icon);
    }
    const text = document.createElement('span');
    text.textContent = name;
    if (options.icon_only && options.icon_url) {
      text.hidden = true;
      item.setAttribute('aria-label', name);
    }
    item.append(text);
    /** @type {any} */ (item).__menu = child;
    child.menubar = this;
    child.opener = item;
    item.addEventListener('pointerdown', (ev) => this._press(ev, child));
    item.addEventListener('click', () => {
      if (this._pressed) return; // the press itself opened or closed the menu
      if (this.openMenu === child) child.close();
      else this.open(child, false);
    });
    item.addEventListener('pointerenter', () => {
      if (this.openMenu && this.openMenu !== child) this.open(child, false);
    });
    this.$el.append(item);
  }

  /** @param {any} child */
  unplaceChild(child) {
    if (child instanceof Menu && child.opener) {
      child.close();
      child.opener.remove();
      child.opener = null;
      child.menubar = null;
      const first = this.titles()[0];
      if (first && !this.titles().some((t) => t.tabIndex === 0)) first.tabIndex = 0;
    }
  }

  /**
   * @param {Menu} menu
   * @param {string} name
   * @param {Record<string, any>|null} options icon_url, iconsize, icon_only
   */
  add_menu(menu, name, options = null) {
    this._pending = { name: name == null ? '' : String(name), options: options || {} };
    this.adopt(menu);
  }

  /** @returns {HTMLElement[]} */
  titles() {
    return /** @type {HTMLElement[]} */ ([...this.$el.querySelectorAll(':scope > .pgw-menu-bar-item')]);
  }

  /** @param {Menu} menu @param {boolean} focusFirst */
  open(menu, focusFirst) {
    if (this.openMenu && this.openMenu !== menu) this.openMenu.close();
    closeAllMenus();
    const item = /** @type {HTMLElement} */ (menu.opener);
    this._rove(item);
    this.openMenu = menu;
    const r = item.getBoundingClientRect();
    menu.openAt(r.left, r.bottom, focusFirst);
    if (!focusFirst) item.focus();
  }

  /**
   * A press on a title opens its menu at once (or closes it if open), and the menu
   * follows the pointer: releasing over an item chooses it (press-drag-release, as on
   * desktops), releasing on a title leaves the menu open (a plain click), releasing
   * anywhere else closes it.
   * @param {PointerEvent} ev
   * @param {Menu} menu
   */
  _press(ev, menu) {
    if (ev.button !== 0) return;
    const title = /** @type {HTMLElement} */ (ev.currentTarget);
    // touch captures the pointer to the title: let it reach the menu's items
    if (title.hasPointerCapture(ev.pointerId)) title.releasePointerCapture(ev.pointerId);
    this._pressed = true; // the click that follows this press has been handled here
    if (this.openMenu === menu) {
      menu.close();
    } else {
      this.open(menu, false);
    }
    const done = (/** @type {PointerEvent} */ up) => {
      if (up.pointerId !== ev.pointerId) return;
      document.removeEventListener('pointerup', done, true);
      document.removeEventListener('pointercancel', done, true);
      setTimeout(() => { this._pressed = false; }); // after this release's click, if any
      if (up.type !== 'pointerup' || !this.openMenu) return;
      const under = document.elementFromPoint(up.clientX, up.clientY);
      const choice = /** @type {HTMLElement | null} */ (
        under && under.closest('.pgw-menu [role^="menuitem"]'));
      if (choice && choice.getAttribute('aria-haspopup') !== 'menu') {
        choice.click();
        return;
      }
      if (under && under.closest('.pgw-menu-bar-item, .pgw-menu')) return;
      closeAllMenus();
    };
    document.addEventListener('pointerup', done, true);
    document.addEventListener('pointercancel', done, true);
  }

  /** @param {Menu} menu */
  menuClosed(menu) {
    if (this.openMenu === menu) this.openMenu = null;
  }

  /** @param {HTMLElement} item */
  _rove(item) {
    for (const t of this.titles()) t.tabIndex = t === item ? 0 : -1;
  }

  /**
   * Move to the previous/next title; keep a menu open if one was.
   * @param {number} delta
   */
  moveBy(delta) {
    const titles = this.titles();
    if (!titles.length) return;
    const current = titles.findIndex((t) => t.tabIndex === 0);
    const next = titles[(current + delta + titles.length) % titles.length];
    const wasOpen = this.openMenu !== null;
    if (wasOpen) this.open(/** @type {any} */ (next).__menu, true);
    else {
      this._rove(next);
      next.focus();
    }
  }

  /** @param {KeyboardEvent} ev */
  _keydown(ev) {
    const item = /** @type {HTMLElement} */ (ev.target);
    if (!item.classList.contains('pgw-menu-bar-item')) return;
    const menu = /** @type {any} */ (item).__menu;
    let handled = true;
    switch (ev.key) {
      case 'ArrowRight': this.moveBy(1); break;
      case 'ArrowLeft': this.moveBy(-1); break;
      case 'Home': this._rove(this.titles()[0]); this.titles()[0].focus(); break;
      case 'End': {
        const t = this.titles();
        this._rove(t[t.length - 1]);
        t[t.length - 1].focus();
        break;
      }
      case 'ArrowDown':
      case 'Enter':
      case ' ':
        this.open(menu, true);
        break;
      case 'ArrowUp':
        this.open(menu, false);
        menu.focusItem(-1);
        break;
      case 'Escape': closeAllMenus(); break;
      default: handled = false;
    }
    if (handled) ev.preventDefault();
  }

  /** @param {string} name */
  get_menu(name) {
    const item = this.titles().find((t) => t.textContent === name);
    return item ? /** @type {any} */ (item).__menu : null;
  }
}

// @ts-check
/**
 * ContainerWidget: a widget holding child widgets. Subclasses decide where a child's
 * element goes (`placeChild`) and override `add_widget`/`set_widget` as their layout needs.
 * @module container
 */
import { Widget } from './widget.js';

export class ContainerWidget extends Widget {
  /** @param {any[]} args @param {Record<string, any>} options */
  build(args, options) {
    super.build(args, options);
    /** @type {Widget[]} */
    this.children = [];
    /** where child elements go (subclasses may point it at an inner element) */
    this.$content = this.$el;
  }

  /**
   * Adopt a child: detach it from any previous parent, record it, place its element.
   * @param {Widget} child
   * @param {...any} extra layout arguments for `placeChild`
   */
  adopt(child, ...extra) {
    if (child.parent && child.parent !== this) /** @type {any} */ (child.parent).release(child);
    else if (child.parent === this) this.release(child);
    child.parent = this;
    this.children.push(child);
    this.placeChild(child, ...extra);
    this.emit('child-added', child);
  }

  /**
   * Put the child's element in the DOM (default: append to `$content`).
   * @param {Widget} child
   * @param {...any} _extra
   */
  placeChild(child, ..._extra) {
    this.$content.appendChild(child.$el);
  }

  /**
   * Forget a child without destroying it.
   * @param {Widget} child
   */
  release(child) {
    const i = this.children.indexOf(child);
    if (i < 0) return;
    this.children.splice(i, 1);
    child.parent = null;
    child.$el.remove();
    this.unplaceChild(child);
  }

  /** Hook for layouts that keep wrappers per child. @param {Widget} _child */
  unplaceChild(_child) {}

  /** @param {Widget} child */
  add_widget(child) { this.adopt(child); }

  /** @param {Widget} child */
  set_widget(child) {
    for (const old of [...this.children]) this.release(old);
    this.adopt(child);
  }

  /** @param {Widget} child @param {boolean} destroy */
  remove(child, destroy = false) {
    this.release(child);
    this.emit('child-removed', child);
    if (destroy) child.destroy();
  }

  /** @param {Widget} child @param {boolean} destroy */
  remove_widget(child, destroy = false) { this.remove(child, destroy); }

  /** @param {boolean} destroy */
  remove_all(destroy = false) {
    for (const c of [...this.children]) this.remove(c, destroy);
  }

  get_children() { return [...this.children]; }

  num_children() { return this.children.length; }

  /** @param {Widget} child */
  childDestroyed(child) { this.release(child); }

  destroy() {
    for (const c of [...this.children]) {
      c.parent = null;
      c.destroy();
    }
    this.children = [];
    super.destroy();
  }
}

// @ts-check
/**
 * ButtonGroup: the members of one exclusive group (ToggleButton, RadioButton,
 * ToolBarAction): the one group helper of the browser side. The group lives on its owner
 * widget (the `group` option names the owner; an owner is in its own group). Members
 * expose `state` and `applyState(on)`, and leave the group when destroyed; the group only
 * switches peers off, and each class reports them its own way. Python keeps the same rule
 * (`pgwidgets/widgets/groups.py`).
 * @module button-group
 */

export default class ButtonGroup {
  constructor() {
    /** @type {Set<any>} */
    this.members = new Set();
  }

  /**
   * The group owned by `owner` (made on first use).
   * @param {any} owner
   * @returns {ButtonGroup}
   */
  static of(owner) {
    if (!owner._pgwGroup) owner._pgwGroup = new ButtonGroup();
    return owner._pgwGroup;
  }

  /** @param {any} member */
  add(member) { this.members.add(member); }

  /** @param {any} member */
  delete(member) { this.members.delete(member); }

  /**
   * Switch off every other member that is on; returns those (so the caller can report
   * them to Python without firing their `activated`).
   * @param {any} member
   * @returns {any[]}
   */
  switchOffPeers(member) {
    const off = [];
    for (const peer of this.members) {
      if (peer !== member && peer.state) {
        peer.applyState(false);
        off.push(peer);
      }
    }
    return off;
  }
}

// @ts-check
/**
 * The icon <img> that buttons, menu items and tool bar actions show before their text.
 * @module icon
 */

/**
 * Create, update or remove a widget's icon; returns the element now shown (or null).
 * @param {HTMLImageElement|null} icon the current icon element, if any
 * @param {string|null} url null or '' removes the icon
 * @param {number[]|null} size [width, height] in px, or null for the natural size
 * @param {string} className class of a new icon element
 * @param {(img: HTMLImageElement) => void} insert puts a new icon element in place
 * @returns {HTMLImageElement|null}
 */
export function updateIcon(icon, url, size, className, insert) {
  if (!url) {
    icon?.remove();
    return null;
  }
  if (!icon) {
    icon = document.createElement('img');
    icon.className = className;
    icon.alt = '';
    insert(icon);
  }
  icon.src = String(url);
  if (size) {
    icon.width = size[0];
    icon.height = size[1];
  } else {
    icon.removeAttribute('width');
    icon.removeAttribute('height');
  }
  return icon;
}

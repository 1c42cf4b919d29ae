// @ts-check
/** VBox: a vertical Box. */
import Box from './Box.js';

export default class VBox extends Box {
  defaultOrientation() { return 'vertical'; }
}

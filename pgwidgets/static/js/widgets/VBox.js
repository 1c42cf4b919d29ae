// @ts-check
/** VBox: a vertical Box. */
import Box from './Box.js';

export default class VBox extends Box {
  fixedOrientation() { return 'vertical'; }
}

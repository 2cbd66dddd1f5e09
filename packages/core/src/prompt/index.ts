export { noOutputMarker, type RenderObservationOptions, renderObservation } from './render-observation.js';
export { truncateOutput } from './truncate-output.js';

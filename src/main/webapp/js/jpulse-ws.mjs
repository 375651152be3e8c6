// ES module entry: import { ws } from '/js/jpulse-ws.mjs';
// It shares the one instance (and its connections) with pages that also load the plain script.
import './jpulse-app-cluster.js';
import './jpulse-ws.js';

export const ws = globalThis.jPulse.ws;
export default ws;

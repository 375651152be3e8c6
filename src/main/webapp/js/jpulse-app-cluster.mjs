// ES module entry for single-page apps: import { appCluster } from '/js/jpulse-app-cluster.mjs';
// It shares the one instance (and WebSocket) with pages that also load the plain script.
import './jpulse-app-cluster.js';

export const appCluster = globalThis.jPulse.appCluster;
export default appCluster;

/**
 * Specs and snapshots: networks as plain, immutable, serialisable data (immer), built and trained
 * from a spec, saved with their learned state and loaded back bit for bit.
 *
 * @packageDocumentation
 */
export * from './base64.js';
export * from './network-spec.js';
export * from './build-network.js';
export * from './snapshot.js';

// Transitional: the barrels moved to the repository root (index.ts: the `kmn` core entry;
// node.ts: the `kmn/node` entry). Tests still import this path; it is removed once they move.
export * from '../node.js';

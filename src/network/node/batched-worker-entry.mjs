// Worker bootstrap when kmn runs from its TypeScript sources: registers the tsx loader, then runs
// the batched-recall worker (compiled kmn starts batched-worker.js directly).
import { register } from 'tsx/esm/api';

register();
await import('./batched-worker.ts');

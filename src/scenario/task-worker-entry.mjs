// Worker bootstrap: registers the TypeScript loader, then runs the task worker.
import { register } from 'tsx/esm/api';

register();
await import('./task-worker.ts');

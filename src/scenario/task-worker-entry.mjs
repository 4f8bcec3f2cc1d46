// Worker bootstrap when kmn runs from its TypeScript sources: registers the tsx loader, then
// re-exports the task handler (compiled kmn points tinypool at task-worker.js instead).
import { register } from 'tsx/esm/api';

register();
const worker = await import('./task-worker.ts');
export default worker.default;

// The fuzz worker thread's entry. Node 20 does not hand `--import tsx` on to
// worker threads, so the thread registers tsx itself, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./fuzz-worker.ts');

// Entry of a parse worker (sheet-worker.ts). Workers start as plain Node, without the parent's loaders, so
// the TypeScript sources are reached through tsx, as bin/weijian.js does for the server itself.
import { register } from 'tsx/esm/api';

register();
await import('./sheet-worker-thread.ts');

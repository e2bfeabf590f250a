#!/usr/bin/env node
// The server is TypeScript run through tsx: no build step between a change and `weijian serve`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

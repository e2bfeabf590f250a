// The web contexts the app shell shows, in menu order. Adding a context: a folder with an index.ts exporting
// its WebContext (routes and menu entries), and one line here.
import { access } from './access/index.ts';
import { care } from './care/index.ts';
import { identity } from './identity/index.ts';
import { planning } from './planning/index.ts';
import { platformPages } from './platform/index.ts';
import type { WebContext } from './platform/web-context.ts';
import { registry } from './registry/index.ts';
import { surveillance } from './surveillance/index.ts';

export const contexts: WebContext[] = [registry, planning, surveillance, care, access, identity, platformPages];

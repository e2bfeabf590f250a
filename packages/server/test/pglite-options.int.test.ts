// The embedded database's startup options reach PostgreSQL (PGlite's startParams replace its own flags, so a
// mistake there would also drop those — search_path is one of them).
import { describe, expect, it } from 'vitest';
import { openPglite } from '../src/platform/db.ts';

describe('openPglite options', () => {
  it('sets shared_buffers when asked and keeps PGlite own start flags', async () => {
    const db = await openPglite(null, { sharedBuffersMb: 24 });
    try {
      const { rows } = await db.query<{ shared_buffers: string }>('show shared_buffers');
      expect(rows[0]?.shared_buffers).toBe('24MB');
      const { rows: sp } = await db.query<{ search_path: string }>('show search_path');
      expect(sp[0]?.search_path).toBe('public');
    } finally {
      await db.close();
    }
  });
  it("keeps PostgreSQL's default without the option", async () => {
    const db = await openPglite(null);
    try {
      const { rows } = await db.query<{ shared_buffers: string }>('show shared_buffers');
      expect(rows[0]?.shared_buffers).toBe('128MB');
    } finally {
      await db.close();
    }
  });
});

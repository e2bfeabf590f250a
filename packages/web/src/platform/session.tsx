// Who is signed in, the platform metadata, and the area and year the user is looking at (shared by every page
// and remembered in localStorage).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, onUnauthenticated, request } from './api.ts';
import { type Right, can as roleCan, type ScopeKind, scopeKindOfUser } from './rights.ts';
import type { Meta, User } from './types.ts';
import type { ResponseOf } from './wire.ts';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when the session is missing or expired. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        const data = await request<ResponseOf<'/api/v1/auth/me'>>('/auth/me', { quiet401: true });
        return data.user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Forget everything cached when the server says the session is gone. */
export function useUnauthenticatedRedirect() {
  const client = useQueryClient();
  useEffect(
    () =>
      onUnauthenticated(() => {
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
        client.setQueryData(ME_KEY, null);
      }),
    [client],
  );
}

export async function logout(client: ReturnType<typeof useQueryClient>) {
  try {
    await api.post('/auth/logout');
  } finally {
    client.clear();
    client.setQueryData(ME_KEY, null);
  }
}

interface SessionState {
  user: User;
  meta: Meta;
  /** Root of what the user may see: their scope area, or the platform root. */
  rootAreaCode: string;
  areaCode: string;
  year: number;
  setAreaCode: (code: string) => void;
  setYear: (year: number) => void;
  isAdmin: boolean;
  /** Whether the user's role holds `right` (core's table, the one the server enforces). */
  can: (right: Right) => boolean;
  /** Platform (administrator), an area subtree, or one institution. */
  scopeKind: ScopeKind;
}

const SessionContext = createContext<SessionState | null>(null);

const AREA_KEY = 'weijian.area';
const YEAR_KEY = 'weijian.year';
const ROOT_KEY = 'weijian.root';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // ignore
  }
}

/** The area the user's views start from: their scope, the platform root, or one set once with `?root=CODE`. */
export function rootAreaOf(user: User, meta: Meta): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('root');
  if (fromUrl && /^\d{2,12}$/.test(fromUrl)) store(ROOT_KEY, fromUrl);
  return user.scopeAreaCode || meta.rootAreaCode || stored(ROOT_KEY);
}

export function SessionProvider({
  user,
  meta,
  rootAreaCode,
  children,
}: {
  user: User;
  meta: Meta;
  rootAreaCode: string;
  children: ReactNode;
}) {
  const [areaCode, setAreaState] = useState<string>(() => {
    const saved = stored(AREA_KEY);
    // A remembered area outside the current user's scope is dropped (codes nest by prefix).
    return saved?.startsWith(rootAreaCode) ? saved : rootAreaCode;
  });
  const [year, setYearState] = useState<number>(() => {
    const saved = Number(stored(YEAR_KEY));
    return meta.years.includes(saved) ? saved : meta.defaultYear;
  });
  const setAreaCode = useCallback((code: string) => {
    store(AREA_KEY, code);
    setAreaState(code);
  }, []);
  const setYear = useCallback((next: number) => {
    store(YEAR_KEY, String(next));
    setYearState(next);
  }, []);
  const value = useMemo(
    () => ({
      user,
      meta,
      rootAreaCode,
      areaCode,
      year,
      setAreaCode,
      setYear,
      isAdmin: user.role === 'admin',
      can: (right: Right) => roleCan(user, right),
      scopeKind: scopeKindOfUser(user),
    }),
    [user, meta, rootAreaCode, areaCode, year, setAreaCode, setYear],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

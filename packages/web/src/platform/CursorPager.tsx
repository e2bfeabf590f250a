// Paging of the keyset-paginated lists (the API's `cursor` / `nextCursor`): 上一页 / 下一页 instead of page
// numbers, since a page is reached from the one before it, not by its number. The pager remembers the cursor
// of every page shown so far, so 上一页 goes back without the server; a change of filter (the `resetKey`)
// starts again from the first page. The count reads "共 10,000+ 条" when the server capped it.
import { Button, Select, Space } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { formatInt } from './format.ts';
import { usePlatformT } from './i18n.ts';
import { useLocale } from './locale.tsx';

export interface CursorPage {
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

export interface CursorPaging {
  /** The cursor to ask for (undefined on the first page). */
  cursor: string | undefined;
  /** 1-based number of the page shown. */
  page: number;
  next(nextCursor: string): void;
  prev(): void;
}

/** The cursor stack of one list; starts over whenever `resetKey` changes (filters, page size). */
export function useCursorPaging(resetKey: string): CursorPaging {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({ key: resetKey, cursors: [] });
  // A new key empties the stack in the same render, so no request goes out with a cursor of other filters.
  const cursors = state.key === resetKey ? state.cursors : [];
  useEffect(() => {
    if (state.key !== resetKey) setState({ key: resetKey, cursors: [] });
  }, [resetKey, state.key]);
  return {
    cursor: cursors.at(-1),
    page: cursors.length + 1,
    next: (c) => setState({ key: resetKey, cursors: [...cursors, c] }),
    prev: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

/** "10,000" or "10,000+" in the caller's language. */
export function useTotalText() {
  const { lang } = useLocale();
  return (p: Pick<CursorPage, 'total' | 'totalExact'>) => `${formatInt(p.total, lang)}${p.totalExact ? '' : '+'}`;
}

interface Props {
  paging: CursorPaging;
  data: CursorPage | undefined;
  loading?: boolean;
  /** The count as the page words it; given the formatted number ("10,000+"). Default: 共 N 条. */
  totalText?: (formatted: string) => ReactNode;
  pageSize?: number;
  pageSizes?: number[];
  onPageSize?: (size: number) => void;
  testId?: string;
  /** The count's own test id (end-to-end tests read it); default `<testId>-total`. */
  totalTestId?: string;
}

export function CursorPager(props: Props) {
  const { paging, data, loading, totalText, pageSize, pageSizes, onPageSize, testId, totalTestId } = props;
  const t = usePlatformT();
  const total = useTotalText();
  const id = testId ?? 'pager';
  const formatted = data ? total(data) : '';
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'flex-end', marginTop: 12 }} data-testid={id}>
      {data && (
        <span data-testid={totalTestId ?? `${id}-total`}>
          {totalText ? totalText(formatted) : t('total', { total: formatted })}
        </span>
      )}
      <span data-testid={`${id}-page`}>{t('pagerPage', { page: paging.page })}</span>
      <Button size="small" disabled={paging.page === 1 || loading} onClick={paging.prev} data-testid={`${id}-prev`}>
        {t('pagerPrev')}
      </Button>
      <Button
        size="small"
        disabled={!data?.nextCursor || loading}
        onClick={() => data?.nextCursor && paging.next(data.nextCursor)}
        data-testid={`${id}-next`}
      >
        {t('pagerNext')}
      </Button>
      {pageSizes && onPageSize && (
        <Select
          size="small"
          value={pageSize}
          onChange={onPageSize}
          options={pageSizes.map((n) => ({ value: n, label: t('pagerSize', { size: n }) }))}
          style={{ width: 110 }}
          data-testid={`${id}-size`}
        />
      )}
    </Space>
  );
}

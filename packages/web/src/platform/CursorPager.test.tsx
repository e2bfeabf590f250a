import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render.tsx';
import { CursorPager, useCursorPaging } from './CursorPager.tsx';

/** A list of three pages behind cursors c2 and c3, with a filter that restarts the paging. */
function Harness({ capped = false }: { capped?: boolean }) {
  const [filter, setFilter] = useState('a');
  const paging = useCursorPaging(filter);
  const next: Record<string, string | null> = { first: 'c2', c2: 'c3', c3: null };
  const data = { total: capped ? 10_000 : 123, totalExact: !capped, nextCursor: next[paging.cursor ?? 'first']! };
  return (
    <>
      <span data-testid="cursor">{paging.cursor ?? 'first'}</span>
      <button type="button" onClick={() => setFilter('b')}>
        filter
      </button>
      <CursorPager paging={paging} data={data} />
    </>
  );
}

const renderIn = (lang: 'zh' | 'en', capped = false) => renderPage(<Harness capped={capped} />, { url: '/', lang });

describe('CursorPager', () => {
  it('walks forward by the server’s cursors and back by the remembered ones', async () => {
    renderIn('zh');
    await screen.findByTestId('pager-total');
    const cursor = () => screen.getByTestId('cursor').textContent;
    expect(screen.getByTestId('pager-total').textContent).toBe('共 123 条');
    expect(screen.getByTestId('pager-prev').hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('pager-next'));
    fireEvent.click(screen.getByTestId('pager-next'));
    expect(cursor()).toBe('c3');
    expect(screen.getByTestId('pager-page').textContent).toBe('第 3 页');
    expect(screen.getByTestId('pager-next').hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('pager-prev'));
    expect(cursor()).toBe('c2');
    expect(screen.getByTestId('pager-page').textContent).toBe('第 2 页');
  });

  it('starts again from the first page when the filter changes', async () => {
    renderIn('zh');
    await screen.findByTestId('pager-total');
    fireEvent.click(screen.getByTestId('pager-next'));
    expect(screen.getByTestId('cursor').textContent).toBe('c2');
    fireEvent.click(screen.getByText('filter'));
    expect(screen.getByTestId('cursor').textContent).toBe('first');
    expect(screen.getByTestId('pager-page').textContent).toBe('第 1 页');
  });

  it('says a capped count is a lower bound, in English too', async () => {
    renderIn('en', true);
    await screen.findByTestId('pager-total');
    expect(screen.getByTestId('pager-total').textContent).toBe('10,000+ in all');
    expect(screen.getByTestId('pager-next').textContent).toBe('Next');
    expect(screen.getByTestId('pager-page').textContent).toBe('Page 1');
  });
});

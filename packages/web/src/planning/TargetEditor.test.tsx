import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { pickOption, renderPage } from '../test/render.tsx';
import { TargetEditor } from './TargetEditor.tsx';
import type { Target } from './types.ts';

function edit(target: Target | null, unit: string | null = '岁') {
  const onOk = vi.fn();
  renderPage(
    <TargetEditor
      open
      name="人均预期寿命"
      text="稳步提高"
      target={target}
      unit={unit}
      baseYear={2020}
      onOk={onOk}
      onCancel={() => {}}
    />,
  );
  const ok = () => screen.getByTestId('target-editor-ok') as HTMLButtonElement;
  return { onOk, ok };
}

/** Re-renders the open editor on demand, each time with a new (equal) target object, as a refetching parent does. */
function Host({ onOk }: { onOk: (t: Target | null) => void }) {
  const [, setN] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setN((n) => n + 1)}>
        rerender
      </button>
      <TargetEditor
        open
        name="人均预期寿命"
        text="稳步提高"
        target={{ kind: 'unparsed', text: '稳步提高' }}
        unit="岁"
        baseYear={2020}
        onOk={onOk}
        onCancel={() => {}}
      />
    </>
  );
}

describe('TargetEditor', () => {
  it('an unparsed target starts as a threshold and cannot be saved until its value is given', async () => {
    const { onOk, ok } = edit({ kind: 'unparsed', text: '稳步提高' });
    expect(ok().disabled).toBe(true);
    fireEvent.change(screen.getByTestId('target-value'), { target: { value: '80' } });
    await waitFor(() => expect(ok().disabled).toBe(false));
    expect(screen.getByText(/结构化结果/)).toBeTruthy();
    fireEvent.click(ok());
    expect(onOk).toHaveBeenCalledWith({ kind: 'threshold', op: '>=', value: 80, unit: '岁', text: '稳步提高' });
  });

  it('keeps what was typed when the parent re-renders with an equal target (a background refetch)', async () => {
    const onOk = vi.fn();
    renderPage(<Host onOk={onOk} />);
    fireEvent.change(screen.getByTestId('target-value'), { target: { value: '85' } });
    fireEvent.click(screen.getByText('rerender'));
    const ok = screen.getByTestId('target-editor-ok') as HTMLButtonElement;
    await waitFor(() => expect(ok.disabled).toBe(false));
    expect((screen.getByTestId('target-value') as HTMLInputElement).value).toBe('85');
    fireEvent.click(ok);
    expect(onOk).toHaveBeenCalledWith({ kind: 'threshold', op: '>=', value: 85, unit: '岁', text: '稳步提高' });
  });

  it('a range needs both ends', async () => {
    const { onOk, ok } = edit(null, '张');
    await pickOption('target-kind', '区间');
    fireEvent.change(screen.getByTestId('target-min'), { target: { value: '6' } });
    expect(ok().disabled).toBe(true);
    fireEvent.change(screen.getByTestId('target-max'), { target: { value: '7.5' } });
    await waitFor(() => expect(ok().disabled).toBe(false));
    fireEvent.click(ok());
    expect(onOk).toHaveBeenCalledWith({ kind: 'range', min: 6, max: 7.5, unit: '张', text: '稳步提高' });
  });

  it('a relative change starts from the plan baseline year; "no target" saves null', async () => {
    const { onOk, ok } = edit({ kind: 'relative', delta: -10, unit: '%', base: 2018, text: '下降10%' });
    expect((screen.getByTestId('target-base') as HTMLInputElement).value).toBe('2018');
    expect((screen.getByTestId('target-delta') as HTMLInputElement).value).toBe('-10');
    await pickOption('target-kind', '无目标值（—）');
    fireEvent.click(ok());
    expect(onOk).toHaveBeenCalledWith(null);
  });
});

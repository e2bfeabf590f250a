// Shims Ant Design needs in happy-dom, and a clean DOM, storage and fetch mock between tests.
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// happy-dom has no canvas: every chart is the stub, which keeps the option it was given for assertions.
vi.mock('../platform/EChart.tsx', () => import('./echart-stub.tsx'));

// Ant Design's responsive helpers (Grid, Sider breakpoints, Table) subscribe to media queries.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

// rc-util measures scrollbars with pseudo-element styles, which happy-dom does not implement.
const realGetComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = ((element: Element, pseudo?: string | null) =>
  realGetComputedStyle(element, pseudo ? undefined : pseudo)) as typeof window.getComputedStyle;

if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { contexts } from './contexts.ts';
import { App } from './platform/App.tsx';
import './platform/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App contexts={contexts} />
  </StrictMode>,
);

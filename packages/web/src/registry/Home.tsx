// The home page follows the scope: an institution user's home is their institution, everyone else's the
// overview of the area they look at (their county, their city, or the platform's root for administrators).
// Small and loaded with the shell; its preload fetches both pages' chunks, as the role is not known yet then.
import { Navigate } from 'react-router-dom';
import { useSession } from '../platform/session.tsx';
import { lazyPage, type PageComponent } from '../platform/web-context.ts';

const Dashboard = lazyPage(() => import('./Dashboard.tsx'));
const InstitutionHome = lazyPage(() => import('./InstitutionHome.tsx'));

export const Home: PageComponent = () => {
  const { scopeKind } = useSession();
  // A resident (scope `self`) has one page: their own health record.
  if (scopeKind === 'self') return <Navigate to="/care/me" replace />;
  return scopeKind === 'institution' ? <InstitutionHome /> : <Dashboard />;
};
Home.preload = () => Promise.all([Dashboard.preload?.(), InstitutionHome.preload?.()]);

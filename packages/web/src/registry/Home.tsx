// The home page follows the scope: an institution user's home is their institution, everyone else's the
// overview of the area they look at (their county, their city, or the platform's root for administrators).
import { lazy } from 'react';
import { useSession } from '../platform/session.tsx';

const Dashboard = lazy(() => import('./Dashboard.tsx'));
const InstitutionHome = lazy(() => import('./InstitutionHome.tsx'));

export default function Home() {
  const { scopeKind } = useSession();
  return scopeKind === 'institution' ? <InstitutionHome /> : <Dashboard />;
}

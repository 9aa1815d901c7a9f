import type { ReactElement } from 'react';
import type { HubInfo } from '../api/types';
import { SessionProvider, useSession } from '../auth/session';
import { AccountsPage } from '../screens/accounts/AccountsPage';
import { AuditLogPage } from '../screens/audit/AuditLogPage';
import { CasePage } from '../screens/case/CasePage';
import { CaseloadPage } from '../screens/caseload/CaseloadPage';
import { AllocationQueuePage } from '../screens/manager/AllocationQueuePage';
import { PartnerResponsivenessPage } from '../screens/manager/PartnerResponsivenessPage';
import { CaseloadBalancePage, PathwayOutcomesPage } from '../screens/manager/PathwayOutcomesPage';
import { IncomingReferralsPage } from '../screens/partner/IncomingReferralsPage';
import { DirectorySearchPage } from '../screens/directory/DirectorySearchPage';
import { HomePage } from '../screens/HomePage';
import { HubComparisonPage } from '../screens/ics/HubComparisonPage';
import { NotFoundPage, NotPermittedPage } from '../screens/NotFoundPage';
import { MyReferralsPage } from '../screens/referrals/MyReferralsPage';
import { ReferPage } from '../screens/referrals/ReferPage';
import { SignInPage } from '../screens/SignInPage';
import { ServicesPage } from '../screens/system/ServicesPage';
import { useHubInfo } from './hub-info';
import { NAV_ITEMS, navItemAt } from './nav';
import { RouterProvider, useRouter } from './router';
import { Shell } from './Shell';

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Root />
      </SessionProvider>
    </RouterProvider>
  );
}

function Root() {
  const { session } = useSession();
  const hub = useHubInfo();
  if (!session) return <SignInPage hub={hub} />;
  return (
    <Shell hub={hub}>
      <Screen hub={hub} />
    </Shell>
  );
}

/** Screens by path; the role's menu (nav.ts) decides which of them this person may open. */
const SCREENS: Record<string, (props: { hub: HubInfo | null }) => ReactElement> = {
  '/': HomePage,
  '/audit': AuditLogPage,
  '/accounts': AccountsPage,
  '/system/services': ServicesPage,
  '/referrals/new': ReferPage,
  '/referrals': MyReferralsPage,
  '/directory': DirectorySearchPage,
  '/caseload': CaseloadPage,
  '/case': CasePage,
  '/partner/referrals': IncomingReferralsPage,
  '/caseload-balance': CaseloadBalancePage,
  '/pathway-outcomes': PathwayOutcomesPage,
  '/allocation-queue': AllocationQueuePage,
  '/partner-responsiveness': PartnerResponsivenessPage,
  '/hub-comparison': HubComparisonPage,
};

/** Screens opened from another screen, not the menu: allowed to whoever may open that one. */
const OPENED_FROM: Record<string, string> = { '/case': '/caseload' };

function Screen({ hub }: { hub: HubInfo | null }) {
  const { location, navigate } = useRouter();
  const { session } = useSession();
  if (!session) return null;
  if (location.path === '/sign-in') {
    navigate('/', { replace: true });
    return null;
  }
  const ScreenComponent = SCREENS[location.path];
  if (!ScreenComponent) return <NotFoundPage />;
  if (!navItemAt(session.role, OPENED_FROM[location.path] ?? location.path)) {
    const known = NAV_ITEMS.some((item) => item.path === location.path);
    return known ? <NotPermittedPage /> : <NotFoundPage />;
  }
  return <ScreenComponent hub={hub} />;
}

import { Button, Result } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { useI18n } from './i18n';
import { FullPageSpin } from './layout/FullPageSpin';
import { RequireCitizen, RequirePermission, RequireStaff } from './layout/guards';
import { homePath } from './layout/nav';
import { StaffLayout } from './layout/StaffLayout';
import { useSession } from './session/SessionContext';

const LoginPage = lazy(() => import('./pages/auth/LoginPage'));
const JurisdictionsPage = lazy(() => import('./pages/jurisdictions/JurisdictionsPage'));
const PeopleListPage = lazy(() => import('./pages/people/PeopleListPage'));
const PersonDetailPage = lazy(() => import('./pages/people/PersonDetailPage'));
const ImportPeoplePage = lazy(() => import('./pages/imports/ImportPeoplePage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const AccountsPage = lazy(() => import('./pages/accounts/AccountsPage'));
const CitizenLoginPage = lazy(() => import('./pages/citizen/CitizenLoginPage'));
const CitizenHomePage = lazy(() => import('./pages/citizen/CitizenHomePage'));
const CheckpointPage = lazy(() => import('./pages/checkpoint/CheckpointPage'));
const SamplingPage = lazy(() => import('./pages/sampling/SamplingPage'));
const VenuesPage = lazy(() => import('./pages/venues/VenuesPage'));
const AppealsPage = lazy(() => import('./pages/health-codes/AppealsPage'));
const OverridesPage = lazy(() => import('./pages/health-codes/OverridesPage'));
const PoliciesPage = lazy(() => import('./pages/health-codes/PoliciesPage'));
const FollowUpBoardPage = lazy(() => import('./pages/follow-up/FollowUpBoardPage'));
const FollowUpTasksPage = lazy(() => import('./pages/follow-up/FollowUpTasksPage'));
const CoveragePage = lazy(() => import('./pages/coverage/CoveragePage'));
const RoundsPage = lazy(() => import('./pages/rounds/RoundsPage'));
const LabPage = lazy(() => import('./pages/lab/LabPage'));
const InvestigationBoardPage = lazy(() => import('./pages/cases/InvestigationBoardPage'));
const CasesListPage = lazy(() => import('./pages/cases/CasesListPage'));
const CasePage = lazy(() => import('./pages/cases/CasePage'));
const ChainsPage = lazy(() => import('./pages/cases/ChainsPage'));

/** `/`: staff go to their first page, citizens to theirs, everyone else to sign-in. */
function Home() {
  const { state } = useSession();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'signedIn') {
    const s = state.session;
    return <Navigate to={s.kind === 'staff' ? homePath(s.account.permissions) : '/citizen'} replace />;
  }
  return <Navigate to="/login" replace />;
}

function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={<Button onClick={() => navigate('/')}>{t('common.back')}</Button>}
    />
  );
}

export function App() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/citizen/login" element={<CitizenLoginPage />} />
        <Route
          path="/citizen"
          element={
            <RequireCitizen>
              <CitizenHomePage />
            </RequireCitizen>
          }
        />
        <Route
          element={
            <RequireStaff>
              <StaffLayout />
            </RequireStaff>
          }
        >
          <Route
            path="/jurisdictions"
            element={
              <RequirePermission permission="jurisdictions:read">
                <JurisdictionsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/people"
            element={
              <RequirePermission permission="people:read">
                <PeopleListPage />
              </RequirePermission>
            }
          />
          <Route
            path="/people/:id"
            element={
              <RequirePermission permission="people:read">
                <PersonDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="/imports/people"
            element={
              <RequirePermission permission="people:import">
                <ImportPeoplePage />
              </RequirePermission>
            }
          />
          <Route
            path="/checkpoint"
            element={
              <RequirePermission permission="pass_checks:write">
                <CheckpointPage />
              </RequirePermission>
            }
          />
          <Route
            path="/sampling"
            element={
              <RequirePermission permission="sampling:write">
                <SamplingPage />
              </RequirePermission>
            }
          />
          <Route
            path="/venues"
            element={
              <RequirePermission permission="venues:read">
                <VenuesPage />
              </RequirePermission>
            }
          />
          <Route
            path="/lab"
            element={
              <RequirePermission permission="results:read">
                <LabPage />
              </RequirePermission>
            }
          />
          <Route
            path="/appeals"
            element={
              <RequirePermission permission="appeals:resolve">
                <AppealsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/overrides"
            element={
              <RequirePermission permission="overrides:propose">
                <OverridesPage />
              </RequirePermission>
            }
          />
          <Route
            path="/health-codes/policies"
            element={
              <RequirePermission permission="people:read">
                <PoliciesPage />
              </RequirePermission>
            }
          />
          <Route
            path="/follow-ups"
            element={
              <RequirePermission permission="follow_ups:read">
                <FollowUpBoardPage />
              </RequirePermission>
            }
          />
          <Route
            path="/follow-ups/tasks"
            element={
              <RequirePermission permission="follow_ups:read">
                <FollowUpTasksPage />
              </RequirePermission>
            }
          />
          <Route
            path="/rounds"
            element={
              <RequirePermission permission="rounds:manage">
                <RoundsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/coverage"
            element={
              <RequirePermission permission="coverage:read">
                <CoveragePage />
              </RequirePermission>
            }
          />
          <Route
            path="/investigations"
            element={
              <RequirePermission permission="cases:read">
                <InvestigationBoardPage />
              </RequirePermission>
            }
          />
          <Route
            path="/cases"
            element={
              <RequirePermission permission="cases:read">
                <CasesListPage />
              </RequirePermission>
            }
          />
          <Route
            path="/cases/:id"
            element={
              <RequirePermission permission="cases:read">
                <CasePage />
              </RequirePermission>
            }
          />
          <Route
            path="/chains"
            element={
              <RequirePermission permission="cases:read">
                <ChainsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/audit"
            element={
              <RequirePermission permission="audit:read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route
            path="/accounts"
            element={
              <RequirePermission permission="accounts:read">
                <AccountsPage />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

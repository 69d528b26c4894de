import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SEARCHING_ROLES } from '../shared/cases.schema.js';
import { createQueryClient } from './api/query.js';
import { AuthProvider } from './auth/AuthContext.js';
import { RequireCaseReader, RequireRole, RequireSession, RequireSignedOut } from './auth/guards.js';
import { Layout } from './components/Layout.js';
import { CasePage } from './pages/cases/CasePage.js';
import { CasesPage } from './pages/cases/CasesPage.js';
import { MyWorkPage } from './pages/cases/MyWorkPage.js';
import { NewCasePage } from './pages/cases/NewCasePage.js';
import { AccountPage } from './pages/AccountPage.js';
import { ApiTokensPage } from './pages/admin/ApiTokensPage.js';
import { AuditPage } from './pages/admin/AuditPage.js';
import { PublicationPage } from './pages/admin/PublicationPage.js';
import { UsersPage } from './pages/admin/UsersPage.js';
import { BreakGlassPage } from './pages/breakglass/BreakGlassPage.js';
import { EnrolPage } from './pages/EnrolPage.js';
import { HomePage } from './pages/HomePage.js';
import { EditIncidentPage, NewIncidentPage } from './pages/incidents/IncidentFormPage.js';
import { IncidentPage } from './pages/incidents/IncidentPage.js';
import { IncidentsPage } from './pages/incidents/IncidentsPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { DuplicatesPage } from './pages/people/DuplicatesPage.js';
import { MergePage } from './pages/people/MergePage.js';
import { PersonPage } from './pages/people/PersonPage.js';
import { SearchPage } from './pages/search/SearchPage.js';
import { SetupPage } from './pages/SetupPage.js';
import { TriagePage } from './pages/triage/TriagePage.js';
import { TriageQueuePage } from './pages/triage/TriageQueuePage.js';
import { VocabulariesPage } from './pages/vocabularies/VocabulariesPage.js';

const CASE_ROLES = ['caseworker', 'lawyer', 'coordinator'] as const;
/** The roles with statistics.read (src/server/auth/access.ts). */
export const STATISTICS_ROLES = ['analyst', 'coordinator', 'admin'] as const;

// The dashboard and its charting library load only when someone opens it.
const StatisticsPage = lazy(() =>
  import('./pages/statistics/StatisticsPage.js').then((module) => ({ default: module.StatisticsPage })),
);

/**
 * The route table, apart from the router so tests can mount it in a
 * MemoryRouter. Everything but sign-in and setup needs a session with an
 * enrolled second factor; the guards send everyone else where they belong.
 * Each mount has its own query cache (a test's render starts empty).
 */
export function AppRoutes() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route element={<RequireSignedOut />}>
              <Route path="login" element={<LoginPage />} />
            </Route>
            <Route element={<RequireSignedOut setup />}>
              <Route path="setup" element={<SetupPage />} />
            </Route>
            <Route element={<RequireSession enrolment />}>
              <Route path="enrol" element={<EnrolPage />} />
            </Route>
            <Route element={<RequireSession />}>
              <Route index element={<HomePage />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="vocabularies" element={<VocabulariesPage />} />
              <Route path="people/:personId" element={<PersonPage />} />
              <Route element={<RequireRole roles={['coordinator']} />}>
                <Route path="people/duplicates" element={<DuplicatesPage />} />
                <Route path="people/merge" element={<MergePage />} />
              </Route>
              <Route element={<RequireRole roles={['coordinator', 'admin']} />}>
                <Route path="break-glass" element={<BreakGlassPage />} />
              </Route>
              <Route element={<RequireRole roles={CASE_ROLES} />}>
                <Route path="cases" element={<CasesPage />} />
              </Route>
              <Route element={<RequireRole roles={[...CASE_ROLES, 'intake']} />}>
                <Route path="my-work" element={<MyWorkPage />} />
              </Route>
              <Route element={<RequireCaseReader roles={CASE_ROLES} />}>
                <Route path="cases/:caseId" element={<CasePage />} />
              </Route>
              <Route element={<RequireRole roles={SEARCHING_ROLES} />}>
                <Route path="search" element={<SearchPage />} />
              </Route>
              <Route element={<RequireRole roles={['intake', 'coordinator']} />}>
                <Route path="triage" element={<TriageQueuePage />} />
                <Route path="triage/:intakeId" element={<TriagePage />} />
              </Route>
              <Route element={<RequireRole roles={['coordinator']} />}>
                <Route path="cases/new" element={<NewCasePage />} />
                <Route path="incidents/new" element={<NewIncidentPage />} />
                <Route path="incidents/:incidentId/edit" element={<EditIncidentPage />} />
              </Route>
              <Route element={<RequireRole roles={CASE_ROLES} />}>
                <Route path="incidents" element={<IncidentsPage />} />
                <Route path="incidents/:incidentId" element={<IncidentPage />} />
              </Route>
              <Route element={<RequireRole roles={['admin']} />}>
                <Route path="admin/users" element={<UsersPage />} />
                <Route path="admin/audit" element={<AuditPage />} />
                <Route path="admin/api-tokens" element={<ApiTokensPage />} />
                <Route path="admin/publication" element={<PublicationPage />} />
              </Route>
              <Route element={<RequireRole roles={STATISTICS_ROLES} />}>
                <Route
                  path="statistics"
                  element={
                    <Suspense fallback={null}>
                      <StatisticsPage />
                    </Suspense>
                  }
                />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </AuthProvider>
    </QueryClientProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}

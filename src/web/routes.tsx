import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from './components/NotFoundPage';
import { PageLoading } from './components/PageLoading';
import { RequireAuth } from './components/RequireAuth';
import { RequirePermission } from './components/RequirePermission';
import { importableEntities } from './features/imports/importEntities';
import { canUseRecycleBin } from './lib/permissions';

// Every screen is its own chunk so the first load carries only the shell it needs.
const LoginPage = lazy(() => import('./features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const AppLayout = lazy(() => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const HomePage = lazy(() => import('./features/home/HomePage').then((m) => ({ default: m.HomePage })));
const OrganizationsPage = lazy(() => import('./features/organizations/OrganizationsPage').then((m) => ({ default: m.OrganizationsPage })));
const OrganizationDetailPage = lazy(() => import('./features/organizations/OrganizationDetailPage').then((m) => ({ default: m.OrganizationDetailPage })));
const ContactsPage = lazy(() => import('./features/contacts/ContactsPage').then((m) => ({ default: m.ContactsPage })));
const ContactDetailPage = lazy(() => import('./features/contacts/ContactDetailPage').then((m) => ({ default: m.ContactDetailPage })));
const UsersPage = lazy(() => import('./features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const TeamsPage = lazy(() => import('./features/teams/TeamsPage').then((m) => ({ default: m.TeamsPage })));
const RolesPage = lazy(() => import('./features/roles/RolesPage').then((m) => ({ default: m.RolesPage })));
const AuditLogPage = lazy(() => import('./features/audit/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const RecycleBinPage = lazy(() => import('./features/recycle-bin/RecycleBinPage').then((m) => ({ default: m.RecycleBinPage })));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const AccountPage = lazy(() => import('./features/account/AccountPage').then((m) => ({ default: m.AccountPage })));
const ActivitiesPage = lazy(() => import('./features/activities/ActivitiesPage').then((m) => ({ default: m.ActivitiesPage })));
const PoolPage = lazy(() => import('./features/pool/PoolPage').then((m) => ({ default: m.PoolPage })));
const MergePage = lazy(() => import('./features/merge/MergePage').then((m) => ({ default: m.MergePage })));
const TasksPage = lazy(() => import('./features/tasks/TasksPage').then((m) => ({ default: m.TasksPage })));
const ImportsPage = lazy(() => import('./features/imports/ImportsPage').then((m) => ({ default: m.ImportsPage })));
const ImportWizardPage = lazy(() => import('./features/imports/ImportWizardPage').then((m) => ({ default: m.ImportWizardPage })));
const ImportPage = lazy(() => import('./features/imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));
// @lazy:leads
// @lazy:opportunities
// @lazy:quotes
// @lazy:orders
// @lazy:reports
// @lazy:decision-chain
// @lazy:assessments
// @lazy:cards-archives

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading fullScreen />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route element={<AppLayout />}>
            <Route index element={<HomePage />} />
            <Route
              path="organizations"
              element={
                <RequirePermission module="organizations">
                  <OrganizationsPage />
                </RequirePermission>
              }
            />
            <Route
              path="organizations/:id"
              element={
                <RequirePermission module="organizations">
                  <OrganizationDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="contacts"
              element={
                <RequirePermission module="contacts">
                  <ContactsPage />
                </RequirePermission>
              }
            />
            <Route
              path="contacts/:id"
              element={
                <RequirePermission module="contacts">
                  <ContactDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="users"
              element={
                <RequirePermission module="users">
                  <UsersPage />
                </RequirePermission>
              }
            />
            <Route
              path="teams"
              element={
                <RequirePermission module="teams">
                  <TeamsPage />
                </RequirePermission>
              }
            />
            <Route
              path="roles"
              element={
                <RequirePermission module="roles">
                  <RolesPage />
                </RequirePermission>
              }
            />
            <Route
              path="audit-log"
              element={
                <RequirePermission module="audit">
                  <AuditLogPage />
                </RequirePermission>
              }
            />
            <Route
              path="recycle-bin"
              element={
                <RequirePermission allow={canUseRecycleBin}>
                  <RecycleBinPage />
                </RequirePermission>
              }
            />
            <Route
              path="settings/:tab?"
              element={
                <RequirePermission module="settings">
                  <SettingsPage />
                </RequirePermission>
              }
            />
            <Route
              path="activities"
              element={
                <RequirePermission module="activities">
                  <ActivitiesPage />
                </RequirePermission>
              }
            />
            <Route
              path="pool"
              element={
                <RequirePermission module="organizations">
                  <PoolPage />
                </RequirePermission>
              }
            />
            <Route
              path="tasks"
              element={
                <RequirePermission module="tasks">
                  <TasksPage />
                </RequirePermission>
              }
            />
            <Route
              path="calendar"
              element={
                <RequirePermission module="tasks">
                  <CalendarPage />
                </RequirePermission>
              }
            />
            {/* @routes:leads */}
            {/* @routes:opportunities */}
            {/* @routes:quotes */}
            {/* @routes:orders */}
            {/* @routes:reports */}
            {/* @routes:decision-chain */}
            {/* @routes:assessments */}
            {/* @routes:cards-archives */}
            <Route
              path="imports"
              element={
                <RequirePermission allow={(p) => importableEntities(p).length > 0}>
                  <ImportsPage />
                </RequirePermission>
              }
            />
            <Route
              path="imports/new"
              element={
                <RequirePermission allow={(p) => importableEntities(p).length > 0}>
                  <ImportWizardPage />
                </RequirePermission>
              }
            />
            <Route
              path="imports/:id"
              element={
                <RequirePermission allow={(p) => importableEntities(p).length > 0}>
                  <ImportPage />
                </RequirePermission>
              }
            />
            <Route path="account/:tab?" element={<AccountPage />} />
            <Route
              path="organizations/:id/merge"
              element={
                <RequirePermission module="organizations">
                  <MergePage type="organizations" />
                </RequirePermission>
              }
            />
            <Route
              path="contacts/:id/merge"
              element={
                <RequirePermission module="contacts">
                  <MergePage type="contacts" />
                </RequirePermission>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}

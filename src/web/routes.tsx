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
const LeadsPage = lazy(() => import('./features/leads/LeadsPage').then((m) => ({ default: m.LeadsPage })));
const LeadDetailPage = lazy(() => import('./features/leads/LeadDetailPage').then((m) => ({ default: m.LeadDetailPage })));
const ApprovalsPage = lazy(() => import('./features/approvals/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })));
const OpportunitiesPage = lazy(() => import('./features/opportunities/OpportunitiesPage').then((m) => ({ default: m.OpportunitiesPage })));
const OpportunityDetailPage = lazy(() => import('./features/opportunities/OpportunityDetailPage').then((m) => ({ default: m.OpportunityDetailPage })));
const ProductsPage = lazy(() => import('./features/products/ProductsPage').then((m) => ({ default: m.ProductsPage })));
const PriceListsPage = lazy(() => import('./features/products/PriceListsPage').then((m) => ({ default: m.PriceListsPage })));
const PriceListDetailPage = lazy(() => import('./features/products/PriceListDetailPage').then((m) => ({ default: m.PriceListDetailPage })));
const QuotesPage = lazy(() => import('./features/quotes/QuotesPage').then((m) => ({ default: m.QuotesPage })));
const QuoteDetailPage = lazy(() => import('./features/quotes/QuoteDetailPage').then((m) => ({ default: m.QuoteDetailPage })));
const OrdersPage = lazy(() => import('./features/orders/OrdersPage').then((m) => ({ default: m.OrdersPage })));
const OrderDetailPage = lazy(() => import('./features/orders/OrderDetailPage').then((m) => ({ default: m.OrderDetailPage })));
const ReceivablesPage = lazy(() => import('./features/orders/ReceivablesPage').then((m) => ({ default: m.ReceivablesPage })));
const TargetsPage = lazy(() => import('./features/targets/TargetsPage').then((m) => ({ default: m.TargetsPage })));
const SalesReportsPage = lazy(() => import('./features/reports/SalesReportsPage').then((m) => ({ default: m.SalesReportsPage })));
const SalesReportPage = lazy(() => import('./features/reports/SalesReportPage').then((m) => ({ default: m.SalesReportPage })));
const KeyAccountsDashboard = lazy(() => import('./features/key-accounts/KeyAccountsDashboard').then((m) => ({ default: m.KeyAccountsDashboard })));
const DecisionChainPage = lazy(() => import('./features/decision-chain/DecisionChainPage').then((m) => ({ default: m.DecisionChainPage })));
const CoveragePage = lazy(() => import('./features/decision-chain/CoveragePage').then((m) => ({ default: m.CoveragePage })));
const AssessmentsPage = lazy(() => import('./features/assessments/AssessmentsPage').then((m) => ({ default: m.AssessmentsPage })));
const RelationshipPlanPage = lazy(() => import('./features/relationship-plans/RelationshipPlanPage').then((m) => ({ default: m.RelationshipPlanPage })));
const ExpansionCardsPage = lazy(() => import('./features/expansion-cards/ExpansionCardsPage').then((m) => ({ default: m.ExpansionCardsPage })));
const ExpansionCardPage = lazy(() => import('./features/expansion-cards/ExpansionCardPage').then((m) => ({ default: m.ExpansionCardPage })));
const ArchivePage = lazy(() => import('./features/archives/ArchivePage').then((m) => ({ default: m.ArchivePage })));
const SupplierArchivePage = lazy(() => import('./features/archives/SupplierArchivePage').then((m) => ({ default: m.SupplierArchivePage })));

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
            <Route
              path="leads"
              element={
                <RequirePermission module="leads">
                  <LeadsPage />
                </RequirePermission>
              }
            />
            <Route
              path="leads/:id"
              element={
                <RequirePermission module="leads">
                  <LeadDetailPage />
                </RequirePermission>
              }
            />
            <Route path="approvals" element={<ApprovalsPage />} />
            <Route
              path="opportunities"
              element={
                <RequirePermission module="opportunities">
                  <OpportunitiesPage />
                </RequirePermission>
              }
            />
            <Route
              path="opportunities/:id"
              element={
                <RequirePermission module="opportunities">
                  <OpportunityDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="products"
              element={
                <RequirePermission module="products">
                  <ProductsPage />
                </RequirePermission>
              }
            />
            <Route
              path="price-lists"
              element={
                <RequirePermission module="products">
                  <PriceListsPage />
                </RequirePermission>
              }
            />
            <Route
              path="price-lists/:id"
              element={
                <RequirePermission module="products">
                  <PriceListDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="quotes"
              element={
                <RequirePermission module="quotes">
                  <QuotesPage />
                </RequirePermission>
              }
            />
            <Route
              path="quotes/:id"
              element={
                <RequirePermission module="quotes">
                  <QuoteDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="orders"
              element={
                <RequirePermission module="orders">
                  <OrdersPage />
                </RequirePermission>
              }
            />
            <Route
              path="orders/:id"
              element={
                <RequirePermission module="orders">
                  <OrderDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="receivables"
              element={
                <RequirePermission module="orders">
                  <ReceivablesPage />
                </RequirePermission>
              }
            />
            <Route
              path="targets"
              element={
                <RequirePermission module="targets">
                  <TargetsPage />
                </RequirePermission>
              }
            />
            <Route
              path="reports/sales"
              element={
                <RequirePermission module="reports">
                  <SalesReportsPage />
                </RequirePermission>
              }
            />
            <Route
              path="reports/sales/:report"
              element={
                <RequirePermission module="reports">
                  <SalesReportPage />
                </RequirePermission>
              }
            />
            <Route
              path="key-accounts"
              element={
                <RequirePermission module="key_accounts">
                  <KeyAccountsDashboard />
                </RequirePermission>
              }
            />
            <Route
              path="key-accounts/:organizationId/chain"
              element={
                <RequirePermission module="key_accounts">
                  <DecisionChainPage />
                </RequirePermission>
              }
            />
            <Route
              path="key-accounts/:organizationId/coverage"
              element={
                <RequirePermission module="key_accounts">
                  <CoveragePage />
                </RequirePermission>
              }
            />
            <Route
              path="key-accounts/:organizationId/assessments"
              element={
                <RequirePermission module="key_accounts">
                  <AssessmentsPage />
                </RequirePermission>
              }
            />
            <Route
              path="key-accounts/:organizationId/plans/:year?"
              element={
                <RequirePermission module="key_accounts">
                  <RelationshipPlanPage />
                </RequirePermission>
              }
            />
            <Route
              path="expansion-cards"
              element={
                <RequirePermission module="key_accounts">
                  <ExpansionCardsPage />
                </RequirePermission>
              }
            />
            <Route
              path="expansion-cards/:id"
              element={
                <RequirePermission module="key_accounts">
                  <ExpansionCardPage />
                </RequirePermission>
              }
            />
            <Route
              path="key-accounts/:organizationId/archive"
              element={
                <RequirePermission module="key_accounts">
                  <ArchivePage />
                </RequirePermission>
              }
            />
            <Route
              path="key-accounts/:organizationId/supplier-archive"
              element={
                <RequirePermission module="key_accounts">
                  <SupplierArchivePage />
                </RequirePermission>
              }
            />
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

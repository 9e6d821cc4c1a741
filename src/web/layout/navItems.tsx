import {
  AccountBookOutlined,
  AimOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  CrownOutlined,
  DeleteOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  SafetyOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingOutlined,
  TagsOutlined,
  TeamOutlined,
  UserAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { Permissions } from '../../shared/schemas/permissions';
import { ApprovalsNavIcon } from '../features/approvals/ApprovalsNavIcon';
import { can, canUseRecycleBin } from '../lib/permissions';

export const CUSTOMERS_MENU_KEY = 'customers';
export const ADMIN_MENU_KEY = 'admin';
export const SALES_MENU_KEY = 'sales';
export const KEY_ACCOUNTS_MENU_KEY = 'keyAccounts';

type MenuItem = Required<MenuProps>['items'][number];

interface NavEntry {
  path: string;
  label: string;
  icon: React.ReactNode;
  visible: (p: Permissions) => boolean;
}

const CUSTOMER_ENTRIES: NavEntry[] = [
  { path: '/organizations', label: 'nav.organizations', icon: <BankOutlined />, visible: (p) => can(p, 'organizations', 'read') },
  { path: '/contacts', label: 'nav.contacts', icon: <ContactsOutlined />, visible: (p) => can(p, 'contacts', 'read') },
  { path: '/pool', label: 'pool.nav', icon: <InboxOutlined />, visible: (p) => can(p, 'organizations', 'read') },
  { path: '/activities', label: 'nav.activities', icon: <FieldTimeOutlined />, visible: (p) => can(p, 'activities', 'read') },
  { path: '/tasks', label: 'nav.tasks', icon: <CheckSquareOutlined />, visible: (p) => can(p, 'tasks', 'read') },
  { path: '/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, visible: (p) => can(p, 'tasks', 'read') },
];

const SALES_ENTRIES: NavEntry[] = [
  { path: '/leads', label: 'leads.nav', icon: <UserAddOutlined />, visible: (p) => can(p, 'leads', 'read') },
  {
    path: '/approvals',
    label: 'approvals.nav',
    icon: <ApprovalsNavIcon />,
    visible: (p) => can(p, 'quotes', 'read') || can(p, 'orders', 'read') || can(p, 'settings', 'admin'),
  },
  { path: '/opportunities', label: 'permissions.modules.opportunities', icon: <FundOutlined />, visible: (p) => can(p, 'opportunities', 'read') },
  { path: '/quotes', label: 'quotes.nav', icon: <FileTextOutlined />, visible: (p) => can(p, 'quotes', 'read') },
  { path: '/products', label: 'products.nav', icon: <ShoppingOutlined />, visible: (p) => can(p, 'products', 'read') },
  { path: '/price-lists', label: 'products.priceLists.nav', icon: <TagsOutlined />, visible: (p) => can(p, 'products', 'read') },
  { path: '/orders', label: 'orders.nav', icon: <FileDoneOutlined />, visible: (p) => can(p, 'orders', 'read') },
  { path: '/receivables', label: 'receivables.nav', icon: <AccountBookOutlined />, visible: (p) => can(p, 'orders', 'read') },
  { path: '/targets', label: 'targets.nav', icon: <AimOutlined />, visible: (p) => can(p, 'targets', 'read') },
  { path: '/reports/sales', label: 'salesReports.nav', icon: <BarChartOutlined />, visible: (p) => can(p, 'reports', 'read') },
];

const KEY_ACCOUNT_ENTRIES: NavEntry[] = [
  { path: '/key-accounts', label: 'keyAccounts.nav', icon: <CrownOutlined />, visible: (p) => can(p, 'key_accounts', 'read') },
  { path: '/expansion-cards', label: 'expansionCards.nav', icon: <IdcardOutlined />, visible: (p) => can(p, 'key_accounts', 'read') },
];

const ADMIN_ENTRIES: NavEntry[] = [
  { path: '/users', label: 'nav.users', icon: <UserOutlined />, visible: (p) => can(p, 'users', 'read') },
  { path: '/teams', label: 'nav.teams', icon: <TeamOutlined />, visible: (p) => can(p, 'teams', 'read') },
  { path: '/roles', label: 'nav.roles', icon: <SafetyOutlined />, visible: (p) => can(p, 'roles', 'read') },
  { path: '/audit-log', label: 'nav.audit', icon: <AuditOutlined />, visible: (p) => can(p, 'audit', 'read') },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined />, visible: (p) => can(p, 'settings', 'read') },
  { path: '/recycle-bin', label: 'nav.recycleBin', icon: <DeleteOutlined />, visible: canUseRecycleBin },
];

/** Only modules that exist and that the user may read appear; an empty group is left out. */
export function navItems(t: TFunction, permissions: Permissions): MenuItem[] {
  const link = (e: Pick<NavEntry, 'path' | 'label' | 'icon'>): MenuItem => ({
    key: e.path,
    icon: e.icon,
    label: <Link to={e.path}>{t(e.label)}</Link>,
  });
  const customers = CUSTOMER_ENTRIES.filter((e) => e.visible(permissions)).map(link);
  const sales = SALES_ENTRIES.filter((e) => e.visible(permissions)).map(link);
  const keyAccounts = KEY_ACCOUNT_ENTRIES.filter((e) => e.visible(permissions)).map(link);
  const admin = ADMIN_ENTRIES.filter((e) => e.visible(permissions)).map(link);
  const items: MenuItem[] = [link({ path: '/', label: 'nav.home', icon: <HomeOutlined /> })];
  if (customers.length > 0) items.push({ key: CUSTOMERS_MENU_KEY, label: t('nav.customers'), icon: <ShopOutlined />, children: customers });
  if (sales.length > 0) items.push({ key: SALES_MENU_KEY, label: t('nav.sales'), icon: <FundOutlined />, children: sales });
  if (keyAccounts.length > 0) {
    items.push({ key: KEY_ACCOUNTS_MENU_KEY, label: t('nav.keyAccounts'), icon: <CrownOutlined />, children: keyAccounts });
  }
  if (admin.length > 0) items.push({ key: ADMIN_MENU_KEY, label: t('nav.admin'), icon: <AppstoreOutlined />, children: admin });
  return items;
}

/** The menu key of the page being shown, e.g. /users for /users?q=x. */
export function selectedNavKey(pathname: string): string {
  const first = pathname.split('/')[1];
  return first ? `/${first}` : '/';
}

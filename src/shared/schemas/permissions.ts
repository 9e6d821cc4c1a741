import { z } from 'zod';

/** Modules that exist today. A new module adds its key here and its defaults in BUILTIN_ROLES. */
export const MODULES = [
  'users',
  'teams',
  'roles',
  'audit',
  'settings',
  'organizations',
  'contacts',
  'activities',
  'tasks',
  'leads',
  'opportunities',
  'products',
  'quotes',
  'orders',
  'targets',
  'reports',
  'key_accounts',
] as const;
export const ModuleSchema = z.enum(MODULES);
export type ModuleKey = z.infer<typeof ModuleSchema>;

export const ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'admin'] as const;
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

/** Which records of a module a role sees: its own, those of its team subtree, or all. */
export const SCOPES = ['own', 'team', 'all'] as const;
export const ScopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof ScopeSchema>;

export const ModulePermissionSchema = z.object({
  actions: z.array(ActionSchema).max(ACTIONS.length),
  scope: ScopeSchema,
});
export type ModulePermission = z.infer<typeof ModulePermissionSchema>;

export const PermissionsSchema = z.partialRecord(ModuleSchema, ModulePermissionSchema).describe('Per module: allowed actions and the data scope');
export type Permissions = Partial<Record<ModuleKey, ModulePermission>>;

const all = (scope: Scope = 'all'): ModulePermission => ({ actions: [...ACTIONS], scope });
const read = (scope: Scope): ModulePermission => ({ actions: ['read'], scope });
const some = (actions: Action[], scope: Scope): ModulePermission => ({ actions, scope });
/** Organizations and contacts share their defaults: a customer and its people go together. */
const customers = (p: ModulePermission) => ({ organizations: p, contacts: { ...p, actions: [...p.actions] } });
/** Activities and tasks (tracking) follow the same pattern per role. */
const tracking = (p: ModulePermission) => ({ activities: p, tasks: { ...p, actions: [...p.actions] } });
/** The deal modules a rep works in day to day (leads to orders, payments included) share their defaults. */
const deals = (p: ModulePermission) => ({
  leads: p,
  opportunities: { ...p, actions: [...p.actions] },
  quotes: { ...p, actions: [...p.actions] },
  orders: { ...p, actions: [...p.actions] },
});

export const BUILTIN_ROLE_KEYS = ['admin', 'sales_manager', 'sales_rep', 'service_agent', 'marketing', 'read_only'] as const;
export type BuiltinRoleKey = (typeof BUILTIN_ROLE_KEYS)[number];

/** Defaults of the built-in roles; startup adds a module's defaults to a role that lacks the module. */
export const BUILTIN_ROLES: Record<BuiltinRoleKey, { name: { en: string; 'zh-CN': string }; permissions: Permissions }> = {
  admin: {
    name: { en: 'Administrator', 'zh-CN': '系统管理员' },
    permissions: {
      users: all(),
      teams: all(),
      roles: all(),
      audit: all(),
      settings: all(),
      ...customers(all()),
      ...tracking(all()),
      ...deals(all()),
      products: all(),
      targets: all(),
      reports: all(),
      key_accounts: all(),
    },
  },
  sales_manager: {
    name: { en: 'Sales manager', 'zh-CN': '销售经理' },
    permissions: {
      users: read('team'),
      teams: read('team'),
      roles: read('all'),
      ...customers(some(['read', 'create', 'update', 'delete', 'export'], 'team')),
      ...tracking(some(['read', 'create', 'update', 'delete', 'export'], 'team')),
      ...deals(some(['read', 'create', 'update', 'delete', 'export'], 'team')),
      products: read('all'),
      targets: some(['read', 'create', 'update', 'delete'], 'team'),
      reports: some(['read', 'export'], 'team'),
      key_accounts: some(['read', 'create', 'update', 'delete'], 'team'),
    },
  },
  sales_rep: {
    name: { en: 'Sales rep', 'zh-CN': '销售代表' },
    permissions: {
      users: read('team'),
      teams: read('own'),
      roles: read('all'),
      ...customers(some(['read', 'create', 'update', 'delete'], 'own')),
      ...tracking(some(['read', 'create', 'update', 'delete'], 'own')),
      ...deals(some(['read', 'create', 'update', 'delete'], 'own')),
      products: read('all'),
      targets: read('own'),
      reports: read('own'),
      key_accounts: some(['read', 'create', 'update', 'delete'], 'own'),
    },
  },
  service_agent: {
    name: { en: 'Service agent', 'zh-CN': '客服专员' },
    permissions: {
      users: read('team'),
      teams: read('own'),
      roles: read('all'),
      ...customers(read('all')),
      ...tracking(some(['read', 'create', 'update', 'delete'], 'own')),
      orders: read('all'),
      products: read('all'),
    },
  },
  marketing: {
    name: { en: 'Marketing', 'zh-CN': '市场专员' },
    permissions: {
      users: read('team'),
      teams: read('own'),
      roles: read('all'),
      ...customers(some(['read', 'export'], 'all')),
      ...tracking(some(['read', 'create', 'update', 'delete'], 'own')),
      leads: some(['read', 'create', 'update', 'delete', 'export'], 'all'),
      products: read('all'),
      reports: read('all'),
    },
  },
  read_only: {
    name: { en: 'Read-only', 'zh-CN': '只读用户' },
    permissions: {
      users: read('own'),
      teams: read('own'),
      roles: read('all'),
      ...customers(read('team')),
      ...tracking(read('team')),
      ...deals(read('team')),
      products: read('all'),
      targets: read('team'),
      reports: read('team'),
      key_accounts: read('team'),
    },
  },
};

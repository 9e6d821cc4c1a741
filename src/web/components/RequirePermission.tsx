import type { ModuleKey, Permissions } from '../../shared/schemas/permissions';
import { useCurrentUser } from '../features/auth/api';
import { can } from '../lib/permissions';
import { ForbiddenResult } from './ForbiddenResult';

type Props = { children: React.ReactNode } & ({ module: ModuleKey; allow?: never } | { allow: (permissions: Permissions) => boolean; module?: never });

/** Hides a page the user may not read; the server refuses the data anyway, this just explains why. */
export function RequirePermission({ module, allow, children }: Props) {
  const { permissions } = useCurrentUser();
  const ok = module ? can(permissions, module, 'read') : allow(permissions);
  return ok ? children : <ForbiddenResult />;
}

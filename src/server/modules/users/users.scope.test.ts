import { makeUser } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';

// A user record is owned by that user; team scope is the team they belong to.
describeScopeEnforcement('users', {
  path: '/api/users',
  module: 'users',
  type: 'users',
  create: async (t, { teamId }) => (await makeUser(t, { role: 'sales_rep', teamId })).id,
  patch: (r) => ({ version: r.version, name: 'Renamed by an outsider' }),
  filters: (hidden) => [`?teamId=${hidden.teamId}&total=true`, `?q=user&total=true`, '?active=true&total=true'],
});

import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';
import { client } from '../../test/testApp.js';

const ownerOf = new Map<string, string>();
let year = 2030;

// A plan is seen through its account: key_accounts scope judged on the organization's owner and team.
describeScopeEnforcement('relationship plans', {
  path: '/api/relationship-plans',
  module: 'key_accounts',
  type: 'relationship_plans',
  create: async (t, owner) => {
    const org = await makeOrganization(t, { ownerId: owner.userId, name: 'Scope 规划 Co.', tier: 'key' });
    const admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
    const res = await admin.post('/api/relationship-plans', { organizationId: org.id, year: ++year, ownerId: owner.userId, marketGoals: 'Hidden 隐藏 goals' });
    if (res.statusCode !== 201) throw new Error(res.body);
    ownerOf.set(res.json().id, owner.userId);
    return res.json().id;
  },
  patch: (r) => ({ version: r.version, marketGoals: 'Rewritten by an outsider' }),
  filters: (hidden) => [
    `?ownerId=${ownerOf.get(hidden.id)}&total=true`,
    `?year=${year}&total=true`,
    '?sort=-updatedAt&total=true',
    '?sort=year&limit=1&total=true',
  ],
});

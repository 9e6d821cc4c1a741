import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';
import { client } from '../../test/testApp.js';

const ownerOf = new Map<string, string>();
const orgOf = new Map<string, string>();

// A deal belongs to its owner and the owner's team at assignment, like an organization.
describeScopeEnforcement('opportunities', {
  path: '/api/opportunities',
  module: 'opportunities',
  type: 'opportunities',
  create: async (t, owner) => {
    const org = await makeOrganization(t, { ownerId: owner.userId, name: 'Scope 商机 Co.' });
    const admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
    const res = await admin.post('/api/opportunities', {
      name: 'Hidden 隐藏 deal',
      organizationId: org.id,
      ownerId: owner.userId,
      amount: '1234.56',
      currency: 'USD',
      expectedCloseDate: '2025-06-15',
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ownerOf.set(res.json().id, owner.userId);
    orgOf.set(res.json().id, org.id);
    return res.json().id;
  },
  patch: (r) => ({ version: r.version, name: 'Renamed by an outsider' }),
  filters: (hidden) => [
    `?ownerId=${ownerOf.get(hidden.id)}&total=true`,
    `?teamId=${hidden.teamId}&total=true`,
    `?organizationId=${orgOf.get(hidden.id)}&total=true`,
    '?q=hidden&total=true',
    '?q=隐藏&sort=-amount&total=true',
    '?status=open&currency=USD&sort=expectedCloseDate&total=true',
    '?closeFrom=2025-06-01&closeTo=2025-06-30&total=true',
    '?amountMin=1000&amountMax=2000&sort=name&total=true',
  ],
});

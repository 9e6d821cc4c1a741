import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';
import { client } from '../../test/testApp.js';

const ownerOf = new Map<string, string>();

// An activity belongs to its owner and the owner's team when it was assigned, like an organization.
describeScopeEnforcement('activities', {
  path: '/api/activities',
  module: 'activities',
  type: 'activities',
  create: async (t, owner) => {
    const org = await makeOrganization(t, { ownerId: owner.userId, name: 'Scope 拜访 Co.' });
    const admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
    const res = await admin.post('/api/activities', {
      kind: 'visit',
      subject: 'Hidden 隐藏 visit',
      organizationId: org.id,
      ownerId: owner.userId,
      occurredAt: '2025-06-01T02:00:00.000Z',
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ownerOf.set(res.json().id, owner.userId);
    return res.json().id;
  },
  patch: (r) => ({ version: r.version, subject: 'Renamed by an outsider' }),
  filters: (hidden) => [
    `?teamId=${hidden.teamId}&total=true`,
    `?ownerId=${ownerOf.get(hidden.id)}&total=true`,
    '?q=hidden&total=true',
    '?q=隐藏&sort=occurredAt&total=true',
    '?kind=visit&from=2025-06-01T00:00:00Z&to=2025-06-02T00:00:00Z&total=true',
  ],
});

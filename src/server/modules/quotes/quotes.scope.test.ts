import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';
import { client } from '../../test/testApp.js';

const ownerOf = new Map<string, string>();
const orgOf = new Map<string, string>();
const numberOf = new Map<string, string>();

// A quote belongs to its owner and the owner's team, like the organization it is for.
describeScopeEnforcement('quotes', {
  path: '/api/quotes',
  module: 'quotes',
  type: 'quotes',
  create: async (t, owner) => {
    const org = await makeOrganization(t, { ownerId: owner.userId, name: 'Scope 报价 Co.' });
    const admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
    const res = await admin.post('/api/quotes', {
      organizationId: org.id,
      ownerId: owner.userId,
      currency: 'CNY',
      validUntil: '2199-12-31',
      lines: [{ description: 'Hidden 隐藏 line', quantity: '2', unitPrice: '123.45' }],
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ownerOf.set(res.json().id, owner.userId);
    orgOf.set(res.json().id, org.id);
    numberOf.set(res.json().id, res.json().number);
    return res.json().id;
  },
  patch: (r) => ({ version: r.version, title: 'Renamed by an outsider' }),
  filters: (hidden) => [
    `?ownerId=${ownerOf.get(hidden.id)}&total=true`,
    `?organizationId=${orgOf.get(hidden.id)}&total=true`,
    `?q=${numberOf.get(hidden.id)}&total=true`,
    `?q=${encodeURIComponent('报价')}&allVersions=true&total=true`,
    '?status=draft&sort=-total&total=true',
    '?sort=validUntil&total=true',
  ],
});

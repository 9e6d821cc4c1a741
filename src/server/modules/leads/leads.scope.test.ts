import { makeUser } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';
import { client } from '../../test/testApp.js';

const ownerOf = new Map<string, string>();

// A lead belongs to its owner and the owner's team at assignment, like an organization.
describeScopeEnforcement('leads', {
  path: '/api/leads',
  module: 'leads',
  type: 'leads',
  create: async (t, owner) => {
    const admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
    const res = await admin.post('/api/leads', {
      name: 'Hidden 隐藏 lead',
      company: '隐藏科技',
      source: 'trade_show',
      status: 'contacted',
      provinceCode: '440000',
      ownerId: owner.userId,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ownerOf.set(res.json().id, owner.userId);
    return res.json().id;
  },
  patch: (r) => ({ version: r.version, name: 'Renamed by an outsider' }),
  filters: (hidden) => [
    `?ownerId=${ownerOf.get(hidden.id)}&total=true`,
    `?teamId=${hidden.teamId}&total=true`,
    '?q=hidden&total=true',
    '?q=隐藏科技&sort=-updatedAt&total=true',
    '?status=contacted&source=trade_show&sort=name&total=true',
    '?provinceCode=440000&total=true',
  ],
});

import { makeOrganization } from '../../test/customerFactories.js';
import { ensureCustomField } from '../../test/customFieldFactories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';

const customFilter = encodeURIComponent(JSON.stringify([{ field: 'custom.scope_code', op: 'eq', value: 'hidden' }]));
const ownerOf = new Map<string, string>();

// An organization belongs to its owner and the owner's team at assignment.
describeScopeEnforcement('organizations', {
  path: '/api/organizations',
  module: 'organizations',
  type: 'organizations',
  create: async (t, owner) => {
    await ensureCustomField(t, { entity: 'organizations', key: 'scope_code', type: 'text' });
    const org = await makeOrganization(t, {
      ownerId: owner.userId,
      name: 'Hidden 隐藏 Co., Ltd.',
      province: '440000',
      tier: 'A',
      tags: ['secret'],
      custom: { scope_code: 'hidden' },
    });
    ownerOf.set(org.id, owner.userId);
    return org.id;
  },
  patch: (r) => ({ version: r.version, name: 'Renamed by an outsider' }),
  filters: (hidden) => [
    `?teamId=${hidden.teamId}&total=true`,
    `?ownerId=${ownerOf.get(hidden.id)}&total=true`,
    '?q=hidden&total=true',
    '?q=隐藏&sort=name&total=true',
    '?province=440000&total=true',
    '?tag=secret&total=true',
    '?tier=A&partyType=customer&lifecycleStatus=potential&sort=-createdAt&total=true',
    `?filter=${customFilter}&sort=custom.scope_code&total=true`,
    `?filter=${encodeURIComponent(
      JSON.stringify([
        { field: 'tags', op: 'in', value: ['secret'] },
        { field: 'province', op: 'eq', value: '440000' },
      ]),
    )}&total=true`,
  ],
});

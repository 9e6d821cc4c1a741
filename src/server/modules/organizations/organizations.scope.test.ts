import { makeOrganization } from '../../test/customerFactories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';

const ownerOf = new Map<string, string>();

// An organization belongs to its owner and the owner's team at assignment.
describeScopeEnforcement('organizations', {
  path: '/api/organizations',
  module: 'organizations',
  type: 'organizations',
  create: async (t, owner) => {
    const org = await makeOrganization(t, { ownerId: owner.userId, name: 'Hidden 隐藏 Co., Ltd.', province: '440000', tier: 'A', tags: ['secret'] });
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
  ],
});

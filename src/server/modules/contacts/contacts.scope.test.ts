import { makeContact, makeOrganization } from '../../test/customerFactories.js';
import { ensureCustomField } from '../../test/customFieldFactories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';

const customFilter = encodeURIComponent(JSON.stringify([{ field: 'custom.scope_code', op: 'eq', value: 'hidden' }]));
const hiddenBy = new Map<string, { ownerId: string; organizationId: string }>();

// A contact belongs to its owner and the owner's team at assignment, like an organization.
describeScopeEnforcement('contacts', {
  path: '/api/contacts',
  module: 'contacts',
  type: 'contacts',
  create: async (t, owner) => {
    const org = await makeOrganization(t, { ownerId: owner.userId });
    await ensureCustomField(t, { entity: 'contacts', key: 'scope_code', type: 'text' });
    const contact = await makeContact(t, {
      ownerId: owner.userId,
      custom: { scope_code: 'hidden' },
      name: 'Hidden 隐藏',
      province: '440000',
      tags: ['secret'],
      organizations: [{ organizationId: org.id, title: 'CEO' }],
    });
    hiddenBy.set(contact.id, { ownerId: owner.userId, organizationId: org.id });
    return contact.id;
  },
  patch: (r) => ({ version: r.version, name: 'Renamed by an outsider' }),
  filters: (hidden) => [
    `?teamId=${hidden.teamId}&total=true`,
    `?ownerId=${hiddenBy.get(hidden.id)?.ownerId}&total=true`,
    `?organizationId=${hiddenBy.get(hidden.id)?.organizationId}&total=true`,
    '?q=hidden&total=true',
    '?province=440000&sort=name&total=true',
    '?tag=secret&total=true',
    `?filter=${customFilter}&sort=-custom.scope_code&total=true`,
    `?filter=${encodeURIComponent(JSON.stringify([{ field: 'organizationId', op: 'eq', value: hiddenBy.get(hidden.id)?.organizationId }]))}&total=true`,
  ],
});

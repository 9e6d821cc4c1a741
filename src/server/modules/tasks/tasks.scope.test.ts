import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';
import { client } from '../../test/testApp.js';

const assigneeOf = new Map<string, string>();
const linkOf = new Map<string, string>();

// A task belongs to its assignee and the assignee's team at assignment, like an organization to its owner.
describeScopeEnforcement('tasks', {
  path: '/api/tasks',
  module: 'tasks',
  type: 'tasks',
  create: async (t, owner) => {
    const org = await makeOrganization(t, { ownerId: owner.userId, name: 'Scope 任务 Co.' });
    const admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
    const res = await admin.post('/api/tasks', {
      title: 'Hidden 隐藏 task',
      assigneeId: owner.userId,
      dueAt: '2025-06-01T02:00:00.000Z',
      status: 'in_progress',
      priority: 'urgent',
      entityType: 'organizations',
      entityId: org.id,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    assigneeOf.set(res.json().id, owner.userId);
    linkOf.set(res.json().id, org.id);
    return res.json().id;
  },
  patch: (r) => ({ version: r.version, title: 'Renamed by an outsider' }),
  filters: (hidden) => [
    `?assigneeId=${assigneeOf.get(hidden.id)}&total=true`,
    '?q=hidden&total=true',
    '?q=隐藏&sort=-updatedAt&total=true',
    '?status=in_progress&priority=urgent&sort=-dueAt&total=true',
    '?dueFrom=2025-06-01T00:00:00Z&dueTo=2025-06-02T00:00:00Z&total=true',
    '?overdue=true&total=true',
    `?entityType=organizations&entityId=${linkOf.get(hidden.id)}&total=true`,
  ],
});

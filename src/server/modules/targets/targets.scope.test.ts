import { describeScopeEnforcement } from '../../test/permissionSuite.js';
import { insertTarget } from '../../test/salesReportFactories.js';

const userOf = new Map<string, string>();

// A user's target belongs to that user and their team, like an organization to its owner.
describeScopeEnforcement('targets', {
  path: '/api/targets',
  module: 'targets',
  type: 'targets',
  create: async (t, owner) => {
    const id = await insertTarget(t.database.db, {
      subjectType: 'user',
      userId: owner.userId,
      teamId: owner.teamId,
      period: 'month',
      periodStart: '2026-05-01',
      amount: '1234.56',
    });
    userOf.set(id, owner.userId);
    return id;
  },
  patch: (r) => ({ version: r.version, amount: '1.00' }),
  filters: (hidden) => [
    `?userId=${userOf.get(hidden.id)}&total=true`,
    `?teamId=${hidden.teamId}&total=true`,
    '?year=2026&period=month&subjectType=user&currency=CNY&sort=-periodStart&total=true',
  ],
});

import { makeTeam } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';

// A team belongs to itself: "own" scope is the actor's team, "team" scope its subtree.
describeScopeEnforcement('teams', {
  path: '/api/teams',
  module: 'teams',
  type: 'teams',
  create: async (t, { teamId }) => {
    const parent = await t.database.db.selectFrom('teams').select(['id', 'path']).where('id', '=', teamId).executeTakeFirstOrThrow();
    return (await makeTeam(t.database.db, 'Hidden child', parent)).id;
  },
  patch: (r) => ({ version: r.version, name: 'Renamed by an outsider' }),
  filters: (hidden) => [`?parentId=${hidden.teamId}&total=true`, '?q=hidden&total=true'],
});

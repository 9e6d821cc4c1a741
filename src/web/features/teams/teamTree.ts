import type { Team } from '../../../shared/schemas/teams';

export interface TeamNode extends Team {
  children?: TeamNode[];
}

/**
 * Nests teams under their parents. A team whose parent the user cannot see (scope "team")
 * becomes a root, so nothing visible is lost.
 */
export function buildTeamTree(teams: Team[]): TeamNode[] {
  const byId = new Map<string, TeamNode>(teams.map((t) => [t.id, { ...t }]));
  const roots: TeamNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  const sort = (nodes: TeamNode[]) => {
    nodes.sort((a, b) => a.name.localeCompare(b.name));
    for (const n of nodes) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The ids of a team and everything below it: where it may not be moved. */
export function subtreeIds(teams: Team[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of teams) {
      if (t.parentId && ids.has(t.parentId) && !ids.has(t.id)) {
        ids.add(t.id);
        grew = true;
      }
    }
  }
  return ids;
}

export interface TeamTreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TeamTreeOption[];
}

export function teamTreeOptions(nodes: TeamNode[], disabledIds?: Set<string>): TeamTreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: disabledIds?.has(n.id),
    children: n.children ? teamTreeOptions(n.children, disabledIds) : undefined,
  }));
}

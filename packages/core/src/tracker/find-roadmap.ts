import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { IssueSummary } from '@kakera/contracts';
import { issues } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { toIssueSummaries } from './issue-view.ts';

const COLUMNS = ['planned', 'in_progress', 'released'] as const;
const PER_COLUMN = 100;

/** The public roadmap: feature and feedback issues, planned / in progress / released, most votes first. */
export async function findRoadmap(deps: Deps, actor: Actor, component?: string) {
  const now = deps.clock.now();
  const scope = and(inArray(issues.type, ['feature', 'feedback']), component ? eq(issues.component, component) : undefined);
  const columns = await Promise.all(
    COLUMNS.map(async (status) => {
      const rows = await deps.db
        .select()
        .from(issues)
        .where(and(scope, eq(issues.status, status)))
        .orderBy(desc(issues.voteCount), desc(issues.id))
        .limit(PER_COLUMN);
      return toIssueSummaries(deps.db, rows, actor, now);
    }),
  );
  const components = await deps.db
    .selectDistinct({ component: issues.component })
    .from(issues)
    .where(and(inArray(issues.type, ['feature', 'feedback']), inArray(issues.status, [...COLUMNS]), isNotNull(issues.component)))
    .orderBy(sql`1`);
  const out: Record<(typeof COLUMNS)[number], IssueSummary[]> & { components: string[] } = {
    planned: columns[0]!,
    in_progress: columns[1]!,
    released: columns[2]!,
    components: components.map((c) => c.component!),
  };
  return out;
}

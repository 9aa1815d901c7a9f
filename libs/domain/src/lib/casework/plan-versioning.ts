export const GOAL_STATUSES = ['not_started', 'in_progress', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface PlanGoal {
  /** Stable across versions, so a diff can tell a changed goal from a new one. */
  id: string;
  goal: string;
  whyItMatters: string;
  steps: string[];
  whoHelps: string[];
  targetDate: string | null;
  status: GoalStatus;
}

export interface PlanDiff {
  added: string[];
  removed: string[];
  /** goal id → the fields that changed. */
  changed: Record<string, string[]>;
  agreedDateChanged: boolean;
  unchanged: boolean;
}

const FIELDS: ReadonlyArray<keyof PlanGoal> = [
  'goal',
  'whyItMatters',
  'steps',
  'whoHelps',
  'targetDate',
  'status',
];

/** What changed between two versions of a personalised care and support plan. */
export function diffPlans(
  before: { goals: readonly PlanGoal[]; agreedDate: string | null } | null,
  after: { goals: readonly PlanGoal[]; agreedDate: string | null },
): PlanDiff {
  const old = new Map((before?.goals ?? []).map((g) => [g.id, g]));
  const now = new Map(after.goals.map((g) => [g.id, g]));
  const added = [...now.keys()].filter((id) => !old.has(id));
  const removed = [...old.keys()].filter((id) => !now.has(id));
  const changed: Record<string, string[]> = {};
  for (const [id, goal] of now) {
    const prev = old.get(id);
    if (!prev) continue;
    const fields = FIELDS.filter((f) => JSON.stringify(prev[f]) !== JSON.stringify(goal[f]));
    if (fields.length) changed[id] = fields as string[];
  }
  const agreedDateChanged = (before?.agreedDate ?? null) !== after.agreedDate;
  return {
    added,
    removed,
    changed,
    agreedDateChanged,
    unchanged: !added.length && !removed.length && !Object.keys(changed).length && !agreedDateChanged,
  };
}

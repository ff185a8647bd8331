import type { Page as ListPage } from '../../common/index.js';
import { Role } from '../../org/index.js';
import type { PageView } from '../../web/index.js';
import type { PlanSource } from '../plan-item.entity.js';
import type { PlanItemView } from '../plan-items.service.js';
import { type PlanRag, planRagWords } from '../rules/plan-rag.js';

/** Where each item came from, in words. */
export const PLAN_SOURCE_WORDS: Record<PlanSource, string> = {
  improvement_plan: 'Improvement plan',
  inspection_recommendation: 'Inspection recommendation',
};

/** GOV.UK tag colours; the words inside the tag say the status, never the colour alone. */
const RAG_TAG: Record<PlanRag, string> = {
  blue: 'govuk-tag--blue',
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
  none: 'govuk-tag--grey',
};

export interface PlanItemRow {
  id: number;
  reference: string;
  title: string;
  source: string;
  owner: string;
  rag: { text: string; classes: string };
  /** "4 actions: 1 overdue, 2 due within 14 days, 1 closed" */
  counts: string;
  total: number;
  actionsHref: string;
}

export interface PlanItemsPageView extends PageView {
  items: PlanItemRow[];
  total: number;
  mayEdit: boolean;
  /** Said when the counts are the reader's part of the plan, not the council's. */
  scope: string | null;
  notice?: string;
}

const SCOPE: Partial<Record<Role, string>> = {
  [Role.TeamManager]: 'The counts and status cover the actions on your team’s cases and those you own.',
  [Role.AdvancedPractitioner]: 'The counts and status cover the actions in your locality and those you own.',
  [Role.HeadOfService]: 'The counts and status cover the actions in your locality and those you own.',
};

export function planItemsView(page: ListPage<PlanItemView>, role: Role, notice?: string): PlanItemsPageView {
  return {
    pageTitle: 'Improvement plan',
    items: page.items.map(rowOf),
    total: page.total,
    mayEdit: role === Role.Administrator,
    scope: SCOPE[role] ?? null,
    notice,
  };
}

function rowOf(item: PlanItemView): PlanItemRow {
  const { total, closed, resolved, overdue, dueSoon } = item.actions;
  const parts = [
    overdue && `${overdue} overdue`,
    dueSoon && `${dueSoon} due within 14 days`,
    closed && `${closed} closed`,
    resolved - closed && `${resolved - closed} cancelled`,
  ].filter(Boolean);
  const counted = `${total} ${total === 1 ? 'action' : 'actions'}`;
  return {
    id: item.id,
    reference: item.reference,
    title: item.title,
    source: PLAN_SOURCE_WORDS[item.source],
    owner: item.owner,
    rag: { text: planRagWords(item.rag, total), classes: RAG_TAG[item.rag] },
    counts: parts.length ? `${counted}: ${parts.join(', ')}` : counted,
    total,
    actionsHref: `/actions?planItem=${item.id}`,
  };
}

import type { Page as ListPage } from '../../common/index.js';
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
  notice?: string;
}

export function planItemsView(page: ListPage<PlanItemView>, mayEdit: boolean, notice?: string): PlanItemsPageView {
  return {
    pageTitle: 'Improvement plan',
    items: page.items.map(rowOf),
    total: page.total,
    mayEdit,
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

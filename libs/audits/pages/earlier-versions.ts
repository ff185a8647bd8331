import type { ShownHistoryRow } from '../audit-view.service.js';
import { actorInWords, agreementLabel, timeline, type TimelineItem } from './audit-page.view.js';

/** One answer of an earlier version, as the page shows it. */
export interface EarlierLine {
  label: string;
  text: string;
  /** A date (YYYY-MM-DD): the template writes it in words. */
  date?: boolean;
}

/** A change that replaced an earlier version: who made it, when, and what was there before. */
export interface PartChange {
  by: string;
  at: string;
  earlier: EarlierLine[];
}

/** The recorded parts whose earlier versions the history keeps (rules/audit-changes.ts). */
export const CHANGE_EVENTS = {
  familyFeedback: 'RECORD_FEEDBACK',
  discussion: 'RECORD_DISCUSSION',
} as const;

const FEEDBACK: [key: string, label: string][] = [
  ['from', 'Who gave the feedback'],
  ['how', 'How it was given'],
  ['said', 'What they said'],
];

const DISCUSSION: [key: string, label: string][] = [
  ['heldOn', 'Held on'],
  ['summary', 'What was discussed'],
  ['workerReflection', 'The social worker’s reflection'],
  ['agreement', 'Does the social worker agree?'],
  ['disagreement', 'What they disagree with'],
  ['notHeldReason', 'Why it was not held'],
];

/** An earlier version's answers, in the words of the form that recorded it. */
export function earlierLines(event: string, earlier: Record<string, unknown>): EarlierLine[] {
  const fields = event === CHANGE_EVENTS.familyFeedback ? FEEDBACK : DISCUSSION;
  return fields
    .filter(([key]) => typeof earlier[key] === 'string' && earlier[key] !== '')
    .map(([key, label]) => ({
      label,
      text: key === 'agreement' ? agreementLabel(earlier[key]) : String(earlier[key]),
      date: key === 'heldOn' || undefined,
    }));
}

/** A refused form's typed answers, in the same words, to show back (none for a GET). */
export function typedLines(event: string, posted: object | null): EarlierLine[] {
  return posted ? earlierLines(event, posted as Record<string, unknown>) : [];
}

/** Each change to one part that replaced an earlier version, newest first. */
export function changesOf(history: readonly ShownHistoryRow[], event: string): PartChange[] {
  return history
    .filter((row) => row.event === event && row.earlier)
    .map((row) => ({
      by: actorInWords(row.actorLabel),
      at: row.at,
      earlier: earlierLines(event, row.earlier!),
    }))
    .reverse();
}

const CHANGED_TITLES: Record<string, [first: string, again: string]> = {
  [CHANGE_EVENTS.familyFeedback]: [
    'Feedback from the child or family recorded',
    'Feedback from the child or family changed',
  ],
  [CHANGE_EVENTS.discussion]: [
    'Discussion with the social worker recorded',
    'Discussion with the social worker recorded again',
  ],
};

/** The audit's timeline, each change that replaced an earlier version carrying that version. */
export function historyItems(
  history: readonly ShownHistoryRow[],
): (TimelineItem & { earlier?: EarlierLine[] })[] {
  const newestFirst = [...history].reverse();
  return timeline([...history]).map((item, i) => {
    const row = newestFirst[i];
    const titles = CHANGED_TITLES[row.event];
    if (!titles) return item;
    if (!row.earlier) return { ...item, title: titles[0] };
    return { ...item, title: titles[1], earlier: earlierLines(row.event, row.earlier) };
  });
}

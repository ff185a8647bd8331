import { DomainError, ErrorCode, type FieldProblem } from '../../common/index.js';
import { formErrorsFrom, type FormErrors } from '../../web/index.js';
import { type FieldWords, withDates, wordedMessage } from './field-words.js';
import { fieldPath, gradingFieldId, type GradingTool } from './grading-form.js';

/** An action's boxes, named within the action ("Action 1 was not saved: enter who owns it"). */
const ACTION_WORDS: Record<string, FieldWords> = {
  what: { kind: 'text', noun: 'what needs to happen' },
  owner: { kind: 'text', noun: 'who owns it' },
  why: { kind: 'text', noun: 'why it is needed' },
  successMeasure: { kind: 'text', noun: 'how success will be seen' },
  dueOn: { kind: 'date', noun: 'the due date' },
};

/** What the page calls the part of the draft a field belongs to, and how the reason names it. */
function partWords(
  tool: GradingTool,
  field: string,
): { part: string; words?: FieldWords; choice?: true } | undefined {
  const [head, key, leaf] = fieldPath(field);
  const itself = (kind: FieldWords['kind']): FieldWords => ({ kind, noun: 'it' });
  if (head === 'domains' && key) {
    const title = tool.domains.find((d) => d.key === key)?.title ?? key;
    return leaf === 'evidence'
      ? { part: `The evidence for ${title}`, words: itself('text') }
      : { part: `The grade for ${title}`, choice: true };
  }
  if (head === 'compliance' && key) {
    const question = tool.compliance.find((c) => c.key === key)?.question ?? key;
    return { part: `The answer to “${question}”`, choice: true };
  }
  if (head === 'improved')
    return { part: 'The answer on whether the child’s circumstances improved', choice: true };
  if (head === 'overall') {
    return key === 'rationale'
      ? { part: 'The rationale for the overall grade', words: itself('text') }
      : { part: 'The overall grade', choice: true };
  }
  if (head === 'actions' && /^\d+$/.test(key ?? '')) {
    return { part: `Action ${Number(key) + 1}`, words: leaf ? ACTION_WORDS[leaf] : undefined };
  }
  return undefined;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "Action 1 was not saved: the due date must be a real date", for one part the save left out. */
export function notSavedMessage(tool: GradingTool, field: string, message: string): string | undefined {
  const named = partWords(tool, field);
  if (!named) return undefined;
  // A choice off the list comes only from a changed page: the reason is that it is not a choice.
  const reason = named.choice
    ? 'it is not one of the choices'
    : ((named.words && wordedMessage(named.words, message)) ?? withDates(message));
  return `${named.part} was not saved: ${lowerFirst(reason)}`;
}

/** The error summary and field messages for the parts a draft save did not store. */
export function notSavedErrors(tool: GradingTool, notSaved: FieldProblem[]): FormErrors {
  const error = new DomainError(ErrorCode.Validation, 'parts of the draft were not saved', {
    errors: notSaved,
  });
  return formErrorsFrom(
    error,
    { idFor: gradingFieldId, messageFor: (field, message) => notSavedMessage(tool, field, message) },
    'save',
  );
}

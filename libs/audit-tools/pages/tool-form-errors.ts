import type { FieldMap } from '../../web/index.js';
import type { ToolForm } from './tool-form.js';

/*
 * The editor's errors name the row as the page shows it ("Domain 3 (Chronology): enter a title")
 * and link to its field. The rules' field names come from two places, validateDefinition
 * (`definition.domains[2].title`) and the DTO (`definition.domains.2.title`): both are read here.
 */

/** A row is named by its title (or question), or by its key while that is blank. */
const LISTS = {
  domains: {
    id: 'domains',
    words: 'Domain',
    name: (f: ToolForm, i: number) => f.domains[i]?.title.trim() || f.domains[i]?.key,
  },
  compliance: {
    id: 'items',
    words: 'Compliance item',
    name: (f: ToolForm, i: number) => f.compliance[i]?.question.trim() || f.compliance[i]?.key,
  },
} as const;

const PATH = /^definition\.(domains|compliance)(?:\.(\d+)(?:\.(\w+))?)?/;

/** `definition.domains[2].cohorts[0]` → `definition.domains.2.cohorts.0`. */
const dotted = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');

const SHORT = 48;
const shortened = (words: string) => (words.length > SHORT ? `${words.slice(0, SHORT - 1).trim()}…` : words);

/** `Domain 3 (Chronology)`, or `Domain 3` while it has neither title nor key. */
function rowWords(form: ToolForm, list: keyof typeof LISTS, index: number): string {
  const { words, name } = LISTS[list];
  const named = name(form, index)?.trim();
  return named ? `${words} ${index + 1} (${shortened(named)})` : `${words} ${index + 1}`;
}

/** The rule's message in the page's words; the API's own wording where there is no better one. */
function pageMessage(form: ToolForm, leaf: string | undefined, message: string): string {
  if (leaf === 'title' && /must not be blank/.test(message)) return 'enter a title';
  if (leaf === 'question' && /must not be blank/.test(message)) return 'enter the question';
  if (leaf === 'key' && /lower-case words/.test(message)) {
    return 'the key must be lower case letters and digits, with words joined by underscores, at most 60 characters';
  }
  if (/needs at least one domain/.test(message)) return 'add at least one domain';
  // "key x is already used by definition.domains[0]" names the other row as the page does.
  return message.replace(/definition\.(domains|compliance)\[(\d+)\]/g, (_, list: string, i: string) =>
    rowWords(form, list as keyof typeof LISTS, Number(i)),
  );
}

export function toolFormFieldMap(form: ToolForm): Required<FieldMap> {
  const parse = (field: string) => {
    const match = PATH.exec(dotted(field));
    if (!match) return null;
    const [, list, index, leaf] = match;
    return { list: list as keyof typeof LISTS, index: index === undefined ? undefined : Number(index), leaf };
  };
  return {
    idFor: (field) => {
      if (field === 'title') return 'title';
      const at = parse(field);
      if (!at) return undefined;
      const prefix = LISTS[at.list].id;
      if (at.index === undefined) return `add-${prefix}`;
      const leaf = at.leaf ?? (at.list === 'domains' ? 'title' : 'question');
      return `${prefix}-${at.index}-${leaf}`;
    },
    labelFor: (field) => {
      const at = parse(field);
      return at?.index === undefined ? undefined : rowWords(form, at.list, at.index);
    },
    messageFor: (field, message) => {
      const at = parse(field);
      if (!at) return undefined;
      const words = pageMessage(form, at.leaf, message);
      return at.index === undefined ? words : `${rowWords(form, at.list, at.index)}: ${words}`;
    },
  };
}

import { DomainError, ErrorCode } from '../../common/index.js';
import { formErrorsFrom } from '../../web/index.js';
import { validateDefinition } from '../validate-definition.js';
import { normaliseDefinition } from '../definition-input.js';
import { definitionFromForm, formFromBody, formFromTool, keyFromWords, type ToolForm } from './tool-form.js';
import { applyFormChange, isFormChange } from './tool-form-actions.js';
import { toolFormFieldMap } from './tool-form-errors.js';
import { cohortCheckboxes } from './tool-form-view.js';

const tool = {
  title: 'Case audit toolkit',
  rowVersion: 4,
  definition: {
    domains: [
      {
        key: 'voice_of_child',
        title: 'Voice of the child',
        guidance: ['Seen alone?', 'Wishes?'],
        cohorts: null,
      },
      { key: 'chronology', title: 'Chronology', guidance: [], cohorts: ['CP', 'CLA'] },
    ],
    compliance: [{ key: 'basic_details', question: 'Basic details are complete', cohorts: ['CL'] }],
  },
};

describe('the audit tool editor’s form', () => {
  it('maps a saved definition to the form and back to the same definition', () => {
    const form = formFromTool(tool);
    expect(form.domains[0].guidance).toBe('Seen alone?\nWishes?');
    expect(form.domains[0].cohorts).toEqual([]);
    expect(normaliseDefinition(definitionFromForm(form))).toEqual(tool.definition);
  });

  it('reads a posted form by its field names, in row order, with one or many ticked cohorts', () => {
    const form = formFromBody({
      title: 'T',
      rowVersion: '4',
      'domains-3-title': 'Later',
      'domains-3-key': '',
      'domains-0-title': 'First',
      'domains-0-key': 'first',
      'domains-0-guidance': 'One?\r\n\r\n  Two?  \n',
      'domains-0-cohorts': ['CP', 'CLA'],
      'items-0-question': 'Is the plan up to date?',
      'items-0-key': '',
      'items-0-cohorts': 'CL',
      'domains-999-title': 'ignored: beyond any list the DTO takes',
    });
    expect(form.domains.map((d) => d.title)).toEqual(['First', 'Later']);
    expect(form.domains[1].cohorts).toEqual([]);
    expect(form.compliance[0].cohorts).toEqual(['CL']);
    expect(definitionFromForm(form)).toEqual({
      domains: [
        { key: 'first', title: 'First', guidance: ['One?', 'Two?'], cohorts: ['CP', 'CLA'] },
        { key: 'later', title: 'Later', guidance: [], cohorts: null },
      ],
      compliance: [{ key: 'is_the_plan_up_to_date', question: 'Is the plan up to date?', cohorts: ['CL'] }],
    });
  });

  it.each([
    ['Voice of the child', 'voice_of_the_child'],
    ['  Child’s plan: SMART?  ', 'child_s_plan_smart'],
    ['2nd visit', 'nd_visit'],
    ['', ''],
  ])('makes a key from %j', (words, key) => {
    expect(keyFromWords(words)).toBe(key);
  });
});

describe('the add, move and remove buttons', () => {
  const form = formFromTool(tool);
  const titles = (f: ToolForm) => f.domains.map((d) => d.title);

  it.each([
    ['add-domains', ['Voice of the child', 'Chronology', ''], 'Domain 3 added.'],
    ['remove-domains-0', ['Chronology'], 'Domain 1 removed.'],
    ['up-domains-1', ['Chronology', 'Voice of the child'], 'Domain 2 moved up to 1.'],
    ['down-domains-0', ['Chronology', 'Voice of the child'], 'Domain 1 moved down to 2.'],
    ['up-domains-0', ['Voice of the child', 'Chronology'], ''],
    ['down-domains-1', ['Voice of the child', 'Chronology'], ''],
    ['remove-domains-7', ['Voice of the child', 'Chronology'], ''],
  ])('%s', (action, expected, notice) => {
    expect(isFormChange(action)).toBe(true);
    const change = applyFormChange(form, action);
    expect(titles(change.form)).toEqual(expected);
    expect(change.notice.startsWith(notice)).toBe(true);
    expect(titles(form)).toEqual(['Voice of the child', 'Chronology']);
  });

  it('adds and removes compliance items, and treats anything else as a save', () => {
    expect(applyFormChange(form, 'add-items').form.compliance).toHaveLength(2);
    expect(applyFormChange(form, 'remove-items-0').form.compliance).toEqual([]);
    expect(isFormChange('save')).toBe(false);
    expect(isFormChange('remove-teams-1')).toBe(false);
  });
});

describe('the editor’s errors name the row', () => {
  const problemsOf = (form: ToolForm) =>
    formErrorsFrom(
      new DomainError(ErrorCode.Validation, 'problems', {
        errors: validateDefinition(
          normaliseDefinition(definitionFromForm(form)),
          new Set(['CP', 'CLA', 'CL']),
        ),
      }),
      toolFormFieldMap(form),
      'title',
    );

  it('names a domain by its number and title, and links to the field', () => {
    const form = formFromTool(tool);
    form.domains[1].title = ' ';
    form.domains[1].key = 'Chronology';
    form.domains[0].cohorts = ['XX'];
    form.compliance[0].key = 'chronology_2';
    form.compliance[0].question = '';
    form.domains.push({ key: 'voice_of_child', title: 'Voice again', guidance: '', cohorts: [] });
    expect(problemsOf(form).summary).toEqual([
      { text: 'Domain 1 (Voice of the child): no cohort has the code XX', href: '#domains-0-cohorts' },
      {
        text: 'Domain 2 (Chronology): the key must be lower case letters and digits, with words joined by underscores, at most 60 characters',
        href: '#domains-1-key',
      },
      { text: 'Domain 2 (Chronology): enter a title', href: '#domains-1-title' },
      {
        text: 'Domain 3 (Voice again): key voice_of_child is already used by Domain 1 (Voice of the child)',
        href: '#domains-2-key',
      },
      { text: 'Compliance item 1 (chronology_2): enter the question', href: '#items-0-question' },
    ]);
  });

  it('asks for a domain when there is none, at the add button', () => {
    const form = { ...formFromTool(tool), domains: [] };
    expect(problemsOf(form).summary).toEqual([{ text: 'Add at least one domain', href: '#add-domains' }]);
  });

  it('reads the DTO’s dotted field names too', () => {
    const map = toolFormFieldMap(formFromTool(tool));
    expect(map.idFor('definition.compliance.0.question')).toBe('items-0-question');
    expect(map.idFor('definition.domains.1.guidance.3')).toBe('domains-1-guidance');
    expect(
      map.messageFor('definition.domains.1.title', 'title must be shorter than or equal to 200 characters'),
    ).toBe('Domain 2 (Chronology): title must be shorter than or equal to 200 characters');
    expect(map.idFor('title')).toBe('title');
  });
});

describe('cohort checkboxes', () => {
  it('has one for each cohort, in words, and keeps a code no cohort has ticked', () => {
    const choices = [
      { code: 'CP', title: 'Child protection' },
      { code: 'CL', title: 'Care leavers' },
    ];
    expect(cohortCheckboxes(['CL', 'OLD'], choices)).toEqual([
      { value: 'CP', text: 'Child protection', checked: false },
      { value: 'CL', text: 'Care leavers', checked: true },
      { value: 'OLD', text: 'OLD (not a cohort in this service)', checked: true },
    ]);
  });
});

import fc from 'fast-check';
import {
  type AuditorProfile,
  type CaseForAllocation,
  type Conflict,
  conflictOfInterest,
} from './conflict-of-interest.js';
import { normaliseName } from '../../common/index.js';

describe('normaliseName', () => {
  it.each([
    ['Jane Smith', 'jane smith'],
    ['  Jane   Smith  ', 'jane smith'],
    ['JANE SMITH', 'jane smith'],
    ['Jane\u00a0Smith', 'jane smith'], // non-breaking space, as spreadsheets export it
    ['Jane\u00a0\u00a0 Smith\u00a0', 'jane smith'],
    ['Jane\u202fSmith', 'jane smith'], // narrow no-break space
    ['Jane\tSmith\n', 'jane smith'],
    ['jane.smith', 'jane.smith'], // a username stays a username
    ['Zoë Brontë', 'zoë brontë'],
    ['Zoe\u0308 Bronte\u0308', 'zoë brontë'], // decomposed diacritics compare equal to composed ones
    ['', ''],
    ['   ', ''],
    [null, ''],
    [undefined, ''],
  ])('normaliseName(%j) is %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('is idempotent and leaves no leading, trailing, repeated or non-breaking spaces', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\u00a0', '\t', 'é', 'É', 'e\u0301') }),
        (name) => {
          const once = normaliseName(name);
          expect(normaliseName(once)).toBe(once);
          expect(once).not.toMatch(/^\s|\s$|\s\s|\u00a0|[A-Z]/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const auditor = (overrides: Partial<AuditorProfile> = {}): AuditorProfile => ({
  id: 1,
  role: 'advanced_practitioner',
  teamId: 10,
  identities: ['ann auditor', 'aauditor'],
  ...overrides,
});

const aCase = (overrides: Partial<CaseForAllocation> = {}): CaseForAllocation => ({
  caseId: 100,
  caseRef: 'C-100',
  teamId: 20,
  worker: 'Wendy Worker',
  teamManager: 'Max Manager',
  ...overrides,
});

describe('conflictOfInterest', () => {
  it.each<[string, Partial<AuditorProfile>, Partial<CaseForAllocation>, Conflict | null]>([
    ['an unrelated auditor', {}, {}, null],
    ['the case worker', {}, { worker: 'Ann Auditor' }, 'is the case worker'],
    ['the case worker, by username', {}, { worker: 'AAuditor' }, 'is the case worker'],
    ['the case worker, spelt with odd spaces', {}, { worker: ' Ann\u00a0 AUDITOR ' }, 'is the case worker'],
    ['the team manager of the case team', { role: 'team_manager', teamId: 20 }, {}, 'manages the case team'],
    ['a team manager of another team', { role: 'team_manager', teamId: 10 }, {}, null],
    ['a team manager with no team', { role: 'team_manager', teamId: null }, {}, null],
    ['an advanced practitioner in the case team', { role: 'advanced_practitioner', teamId: 20 }, {}, null],
    ['an IRO in the case team', { role: 'iro', teamId: 20 }, {}, null],
    [
      'named as the case team manager',
      { role: 'senior_manager' },
      { teamManager: 'Ann Auditor' },
      'manages the case team',
    ],
    [
      'named as the case team manager, any spelling',
      {},
      { teamManager: 'ann\u00a0auditor ' },
      'manages the case team',
    ],
    [
      'the worker and the manager: worker wins',
      { role: 'team_manager', teamId: 20 },
      { worker: 'Ann Auditor' },
      'is the case worker',
    ],
    ['a case with no worker or manager named', {}, { worker: null, teamManager: null }, null],
    ['a case with blank names', {}, { worker: '  ', teamManager: '\u00a0' }, null],
    ['an auditor with no identities', { identities: [] }, { worker: 'Ann Auditor' }, null],
    [
      'an auditor with a blank identity, case with blank worker',
      { identities: [''] },
      { worker: '', teamManager: '' },
      null,
    ],
    ['a partial name match', {}, { worker: 'Ann Auditor-Smith' }, null],
    [
      'the worker by the register key, under another name',
      { workerKey: 'w-17' },
      { worker: 'A. Auditor', workerKey: 'w-17' },
      'is the case worker',
    ],
    ['another worker key', { workerKey: 'w-17' }, { worker: 'Someone', workerKey: 'w-18' }, null],
    ['no key on either side', { workerKey: null }, { worker: 'Someone', workerKey: null }, null],
    [
      'identities not yet normalised',
      { identities: ['Ann  Auditor'] },
      { worker: 'ann auditor' },
      'is the case worker',
    ],
    [
      'identities not yet normalised, as manager',
      { identities: ['ANN\u00a0AUDITOR'] },
      { teamManager: 'Ann Auditor' },
      'manages the case team',
    ],
  ])('%s', (_label, who, what, expected) => {
    expect(conflictOfInterest(auditor(who), aCase(what))).toBe(expected);
  });

  const NAMES = ['ann auditor', 'bob baker', 'cat carter', 'dan dyer'];
  /** The same name as a person might type it: any case, extra and non-breaking spaces. */
  const spelling = (name: string) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }),
        fc.constantFrom(' ', '  ', '\u00a0', ' \u00a0'),
        fc.constantFrom('', ' ', '\u00a0'),
      )
      .map(
        ([upper, gap, pad]) =>
          pad +
          [...name]
            .map((ch, i) => (upper[i] ? ch.toUpperCase() : ch))
            .join('')
            .replace(/ /g, gap) +
          pad,
      );
  const nameOrNull = fc.option(
    fc.constantFrom(...NAMES).chain((name) => spelling(name).map((spelt) => ({ name, spelt }))),
    { nil: null },
  );

  it('finds a conflict exactly when the auditor works the case, manages its team or is named as its manager', () => {
    fc.assert(
      fc.property(
        fc.record({
          role: fc.constantFrom(
            'team_manager',
            'advanced_practitioner',
            'senior_manager',
            'iro',
            'head_of_service',
          ),
          teamId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
          names: fc.subarray(NAMES),
          caseTeam: fc.integer({ min: 1, max: 3 }),
          worker: nameOrNull,
          manager: nameOrNull,
        }),
        fc.boolean(),
        ({ role, teamId, names, caseTeam, worker, manager }, spellIdentities) => {
          const profile = auditor({
            role,
            teamId,
            identities: spellIdentities ? names.map((n) => n.toUpperCase().replace(' ', '\u00a0 ')) : names,
          });
          const c = aCase({
            teamId: caseTeam,
            worker: worker?.spelt ?? null,
            teamManager: manager?.spelt ?? null,
          });
          const isWorker = worker !== null && names.includes(worker.name);
          const manages =
            (role === 'team_manager' && teamId === caseTeam) ||
            (manager !== null && names.includes(manager.name));
          const expected: Conflict | null = isWorker
            ? 'is the case worker'
            : manages
              ? 'manages the case team'
              : null;
          expect(conflictOfInterest(profile, c)).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

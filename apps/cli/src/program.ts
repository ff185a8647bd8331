import { Command, InvalidArgumentError, Option } from 'commander';
import { withApp } from './cli-context.js';
import {
  type CliOutput,
  formatAudit,
  formatCycle,
  formatDemo,
  formatImport,
  formatJson,
  terminalProgress,
} from './print.js';
import { formatActions } from './print-actions.js';

// Features are imported inside each command's work (see cli-context.ts): a static import here
// would load the whole application before commander has even read the arguments.
const casesFeature = () => import('../../../libs/cases/index.js');
const cyclesFeature = () => import('../../../libs/cycles/index.js');

const CLI_ACTOR = { id: null, label: `cli:${process.env.USER ?? 'operator'}` };

const number = (value: string) => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError('not a number');
  return parsed;
};
const integer = (value: string) => {
  const parsed = number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError('not a whole number');
  return parsed;
};

/** A real date (no 30 February), checked here: the CLI imports nothing else before it must. */
const calendarDate = (value: string) => {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    throw new InvalidArgumentError('not a date (YYYY-MM-DD)');
  return value;
};

/** Options checked by the DTO the JSON API uses; a refusal is the API's DomainError (exit code 2). */
async function validated<T extends object>(dto: new () => T, input: object): Promise<T> {
  const { createValidationPipe } = await import('../../../libs/common/index.js');
  return (await createValidationPipe().transform(input, { type: 'body', metatype: dto, data: '' })) as T;
}

/** The CLI's commands, writing to `out`: main.ts runs it on the process, tests on a buffer. */
export function buildProgram(out: CliOutput): Command {
  const program = new Command('case-audit')
    .description('Monthly case audit: register, selection and allocation')
    .exitOverride()
    .configureOutput({ writeOut: (text) => out.stdout(text), writeErr: (text) => out.stderr(text) });

  program
    .command('db')
    .description('database tasks')
    .command('migrate')
    .description('apply pending migrations')
    .action(() => withApp(async () => out.stdout('Migrations applied.\n')));

  const cases = program.command('cases').description('the case register');
  cases
    .command('import')
    .description(
      'load a case register: CSV, an Ofsted Annex A workbook, or an SSDA903 header.csv + episodes.csv',
    )
    .argument('<files...>')
    .addOption(new Option('--format <format>').choices(['csv', 'annex-a', 'ssda903']))
    .option('--as-of <date>', 'the date the register describes (YYYY-MM-DD, default today)')
    .option('--full', 'close open cases the file does not mention', false)
    .option('--dry-run', 'report what the import would do and write nothing', false)
    .option(
      '--confirm-closures <n>',
      'the exact number of cases it closes (needed above IMPORT_MAX_CLOSURE_SHARE, default 10% of open cases)',
      integer,
    )
    .option('--strict-teams', 'refuse rows naming a team the register has never seen', false)
    .option('--json', 'print one JSON document', false)
    .action(
      async (
        files: string[],
        opts: {
          format?: 'csv' | 'annex-a' | 'ssda903';
          asOf?: string;
          full: boolean;
          dryRun: boolean;
          confirmClosures?: number;
          strictTeams: boolean;
          json: boolean;
        },
      ) => {
        // One over the size limit is refused before it is read.
        const { readRegisterFile } = await casesFeature();
        const contents = await Promise.all(files.map((f) => readRegisterFile(f)));
        const progress = terminalProgress(out, !opts.json, opts.dryRun);
        const result = await withApp(async (get) =>
          get((await casesFeature()).CasesImportService).importRegister({
            files: contents,
            format: opts.format,
            asOf: opts.asOf,
            full: opts.full,
            dryRun: opts.dryRun,
            confirmClosures: opts.confirmClosures,
            strictTeams: opts.strictTeams,
            actor: CLI_ACTOR.label,
            onProgress: progress.report,
            parseOnCaller: true,
          }),
        ).finally(progress.end);
        out.stdout(opts.json ? formatJson(result) : formatImport(result));
      },
    );

  const cycle = program.command('cycle').description('audit cycles');
  cycle
    .command('open')
    .description("select and allocate a month's sample")
    .requiredOption('--month <YYYY-MM>')
    .option('--rate <rate>', 'share of open cases (default 0.1)', number)
    .option('--count <n>', 'a fixed sample size instead of a rate', integer)
    .option('--seed <seed>', 'reproduce an earlier draw (default: a new random seed, printed)')
    .option('--exclude-months <n>', 'skip cases audited in this many months (default 6)', integer)
    .option('--tier3 <n>', 'audits for heads of service and the director (default 2)', integer)
    .option('--as-of <date>', 'cases open on this date (default the first of the month)')
    .option('--themed <title>', 'open a themed cycle with this title (and --cohort, --team or --locality)')
    .option('--cohort <codes...>', 'themed: only these cohorts')
    .option('--team <names...>', 'themed: only these teams')
    .option('--locality <names...>', 'themed: only these localities')
    .option('--moderation-rate <share>', 'share of submitted audits sent to moderation (default 0.1)', number)
    .option('--tool <id>', 'a published audit tool id for this cycle (default the standard tool)', integer)
    .option('--json', 'print one JSON document', false)
    .action(async (opts) => {
      const doc = await withApp(async (get) => {
        const { CycleReadsService, CyclesService, OpenCycleDto } = await cyclesFeature();
        // The operator's input passes the API's own DTO: the CLI stores nothing the API refuses.
        const request = await validated(OpenCycleDto, {
          month: opts.month,
          kind: opts.themed ? 'themed' : 'monthly',
          title: opts.themed,
          rate: opts.rate,
          count: opts.count,
          seed: opts.seed,
          excludeMonths: opts.excludeMonths,
          tier3Count: opts.tier3,
          asOf: opts.asOf,
          filter: { cohorts: opts.cohort, teams: opts.team, localities: opts.locality },
          moderationRate: opts.moderationRate,
          auditToolId: opts.tool,
        });
        const opened = await get(CyclesService).open(request, CLI_ACTOR);
        // The operator sees the whole draw, as `cycle show` prints it.
        return get(CycleReadsService).showWithAudits({ id: opened.id });
      });
      out.stdout(opts.json ? formatJson(doc) : formatCycle(doc));
    });
  cycle
    .command('show')
    .description('show a cycle, its strata and its allocation')
    .option('--month <YYYY-MM>', 'the monthly cycle of this month')
    .option('--id <id>', 'a cycle by id (themed cycles)', integer)
    .option('--json', 'print one JSON document', false)
    .action(async (opts: { month?: string; id?: number; json: boolean }) => {
      if (!opts.month && opts.id === undefined) throw new InvalidArgumentError('give --month or --id');
      const doc = await withApp(async (get) =>
        get((await cyclesFeature()).CycleReadsService).showWithAudits(
          opts.id !== undefined ? { id: opts.id } : { monthlyKey: opts.month! },
        ),
      );
      out.stdout(opts.json ? formatJson(doc) : formatCycle(doc));
    });

  program
    .command('audit')
    .description('audits')
    .command('show')
    .description('one audit: grades, discussion, escalations, moderation and history')
    .argument('<id>', 'the audit id', integer)
    .option('--json', 'print one JSON document', false)
    .action(async (id: number, opts: { json: boolean }) => {
      const audit = await withApp(async (get) =>
        get((await import('../../../libs/audits/index.js')).AuditViewService).show(id, null),
      );
      out.stdout(opts.json ? formatJson(audit) : formatAudit(audit));
    });

  program
    .command('notifications')
    .description('the notification outbox')
    .command('deliver')
    .description('send notifications still pending (for cron: retries failed deliveries)')
    .option('--json', 'print one JSON document', false)
    .action(async (opts: { json: boolean }) => {
      const sent = await withApp(async (get) =>
        get((await import('../../../libs/notifications/index.js')).OutboxService).deliverPending(),
      );
      out.stdout(opts.json ? formatJson({ sent }) : `${sent} notifications sent.\n`);
    });

  program
    .command('actions')
    .description('audit actions tracked to closure')
    .command('list')
    .description('the tracker: every action, most days overdue first (500 a page)')
    .option('--overdue', 'only actions past their due date with work still owed', false)
    .option('--owner <username>', 'only the actions this person owns')
    .option('--team <name>', 'only the actions of this team')
    .option('--page <n>', 'which page of 500', integer, 1)
    .option(
      '--today <YYYY-MM-DD>',
      'count days overdue as on this day (default: today in Europe/London)',
      calendarDate,
    )
    .option('--json', 'print one JSON document', false)
    .action(
      async (opts: {
        overdue: boolean;
        owner?: string;
        team?: string;
        page: number;
        today?: string;
        json: boolean;
      }) => {
        const filter = {
          ...(opts.overdue ? { overdue: true } : {}),
          ...(opts.owner !== undefined ? { ownerUsername: opts.owner } : {}),
          ...(opts.team !== undefined ? { teamName: opts.team } : {}),
        };
        const page = await withApp(async (get) =>
          // The operator's CLI reads every action (no reader to narrow to), as `audit show` does.
          get((await import('../../../libs/actions/index.js')).ActionTrackerService).list(
            null,
            filter,
            'overdue',
            { page: opts.page, pageSize: 500 },
            opts.today,
          ),
        );
        out.stdout(opts.json ? formatJson(page) : formatActions(page));
      },
    );

  program
    .command('jobs')
    .description('scheduled jobs, run on demand')
    .command('run')
    .description('run a job now')
    .command('overdue')
    .description('reminders, overdue notices and escalation for actions; each notice goes once')
    .option('--today <date>', "the job's day (YYYY-MM-DD, Europe/London; default today)", calendarDate)
    .option('--json', 'print one JSON document', false)
    .action(async (opts: { today?: string; json: boolean }) => {
      const result = await withApp(async (get) =>
        get((await import('../../../libs/actions/index.js')).OverdueJobService).runAndDeliver({
          today: opts.today,
        }),
      );
      out.stdout(
        opts.json
          ? formatJson(result)
          : `Reminded ${result.reminded}, overdue ${result.overdue}, escalated ${result.escalated}.\n`,
      );
    });

  program
    .command('demo')
    .description('load the demo council (3 localities, 15 teams, 2,340 open cases, users of every role)')
    .option('--if-empty', 'only when the database has no users yet', false)
    .option('--json', 'print one JSON document', false)
    .action(async (opts: { ifEmpty: boolean; json: boolean }) => {
      const result = await withApp(async (get) =>
        get((await import('../../../libs/demo/index.js')).DemoService).load({ ifEmpty: opts.ifEmpty }),
      );
      out.stdout(opts.json ? formatJson(result) : formatDemo(result));
    });
  return program;
}

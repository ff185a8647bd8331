import { Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import {
  AUDIT_TOOL_MACHINE_ID,
  AUDIT_TOOL_MACHINE_VERSION,
  auditToolMachine,
} from '../../workflows/audit-tool.machine.js';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode, type FieldProblem } from '../common/index.js';
import { OrgService } from '../org/index.js';
import { entityPage, type Page, type PageRequest } from '../common/index.js';
import { Db, placeholder } from '../persistence/index.js';
import { type Actor, WorkflowRunner } from '../persistence/index.js';
import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';
import { AuditTool } from './audit-tool.entity.js';
import { type DefinitionInput, normaliseDefinition } from './definition-input.js';
import {
  AUDIT_TOOL_ENTITY,
  type AuditToolRecord,
  moveTool,
  requireTool,
  toRecord,
} from './audit-tool-store.js';
import { toolCohorts } from './tool-cohorts.js';
import { validateDefinition } from './validate-definition.js';

/** The tool every new audit uses unless a cycle names another. */
export const STANDARD_TOOL_KEY = 'standard';

export interface NewDraftRequest {
  key: string;
  title: string;
  definition?: DefinitionInput;
  /** Copy this version's definition instead of sending one. */
  fromToolId?: number;
}

export interface DraftUpdate {
  title?: string;
  definition: DefinitionInput;
  /** The rowVersion the editor read: a draft changed since then is not overwritten. */
  rowVersion: number;
}

export type AuditToolSummary = Pick<
  AuditToolRecord,
  'id' | 'key' | 'version' | 'title' | 'status' | 'publishedAt' | 'retiredAt'
> & {
  /** The cohorts its domains and items name; null when it applies to every cohort. */
  cohorts: string[] | null;
};

/** A tool version; a draft also carries what would stop it being published, so nothing surprises. */
export type AuditToolView = AuditToolRecord & { problems?: FieldProblem[] };

/**
 * Audit tools as versioned data: drafts are edited, published versions are frozen (audits pin
 * the version they were graded with), and retired versions are kept for the audits that used them.
 * Each version is a run of the audit-tool machine, moved only through the workflow runner.
 */
@Injectable()
export class AuditToolsService {
  constructor(
    private readonly db: Db,
    private readonly org: OrgService,
    private readonly workflows: WorkflowRunner,
    private readonly clock: Clock,
  ) {}

  async list(page: PageRequest): Promise<Page<AuditToolSummary>> {
    const tools = await this.db.read((m) =>
      entityPage(
        m,
        AuditTool,
        {
          select: {
            id: true,
            key: true,
            version: true,
            title: true,
            state: true,
            publishedAt: true,
            retiredAt: true,
            definition: true,
          },
          order: { key: 'ASC', version: 'DESC', id: 'DESC' },
        },
        page,
      ),
    );
    return {
      ...tools,
      items: tools.items.map(({ id, key, version, title, state, publishedAt, retiredAt, definition }) => ({
        id,
        key,
        version,
        title,
        status: state,
        publishedAt,
        retiredAt,
        cohorts: toolCohorts(definition),
      })),
    };
  }

  get(id: number): Promise<AuditToolView> {
    return this.db.read((m) => this.view(m, id));
  }

  history(id: number, page: PageRequest) {
    return this.db.read(async (m) => {
      await requireTool(m, id);
      return this.workflows.historyPage(m, AUDIT_TOOL_ENTITY, id, page);
    });
  }

  /** A new draft version of `key`, from a definition or a copy of an existing version. */
  async createDraft(input: NewDraftRequest, actor: Actor): Promise<AuditToolView> {
    if (input.definition && input.fromToolId !== undefined) {
      throw DomainError.validation('fromToolId', 'give a definition or a tool to copy, not both');
    }
    if (!input.definition && input.fromToolId === undefined) {
      throw DomainError.validation('definition', 'give a definition, or fromToolId to copy one');
    }
    try {
      return await this.db.transaction(async (m) => {
        // On PostgreSQL a second request for the same key waits here, then sees the first one's
        // draft. A brand-new key has no rows to lock: there the unique (key, version) index decides.
        await m.find(AuditTool, { select: { id: true }, where: { key: input.key }, lock: this.rowLock });
        const draft = await m.findOneBy(AuditTool, { key: input.key, state: 'draft' });
        if (draft) {
          throw new DomainError(
            ErrorCode.Conflict,
            `audit tool ${input.key} already has a draft: version ${draft.version} (id ${draft.id}); edit that one`,
            { draftId: draft.id, draftVersion: draft.version },
          );
        }
        const definition = input.definition
          ? normaliseDefinition(input.definition)
          : await this.copyDefinition(m, input.fromToolId!);
        const latest = await m.findOne(AuditTool, { where: { key: input.key }, order: { version: 'DESC' } });
        const version = (latest?.version ?? 0) + 1;
        const initial = this.workflows.initialSnapshot(auditToolMachine);
        const run = {
          machineId: AUDIT_TOOL_MACHINE_ID,
          machineVersion: AUDIT_TOOL_MACHINE_VERSION,
          state: initial.state as AuditTool['state'],
          snapshot: initial.snapshot,
        };
        const { identifiers } = await m.insert(AuditTool, {
          key: input.key,
          version,
          title: input.title.trim(),
          definition,
          publishedAt: null,
          retiredAt: null,
          createdBy: actor.label,
          ...run,
        } as never);
        const id = Number(identifiers[0].id);
        await this.workflows.recordStart(m, AUDIT_TOOL_ENTITY, { id, ...run }, actor, {
          version,
          fromToolId: input.fromToolId ?? null,
        });
        return this.view(m, id);
      });
    } catch (error) {
      // Two drafts of one key raced past the check: both took the same version, and the
      // unique (key, version) index let one through.
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) {
        throw new DomainError(
          ErrorCode.Conflict,
          `a draft of audit tool ${input.key} was created at the same moment`,
        );
      }
      throw error;
    }
  }

  updateDraft(id: number, input: DraftUpdate, actor: Actor): Promise<AuditToolView> {
    return this.db.transaction(async (m) => {
      const tool = await requireTool(m, id);
      await moveTool(this.workflows, m, tool, { type: 'EDIT' }, actor, {
        expectedRowVersion: input.rowVersion,
        patch: {
          title: input.title?.trim() ?? tool.title,
          definition: normaliseDefinition(input.definition),
        },
      });
      return this.view(m, id);
    });
  }

  /** Freezes a valid draft. Older versions stay published: audits in flight keep theirs. */
  publish(id: number, actor: Actor): Promise<AuditToolView> {
    return this.db.transaction(async (m) => {
      const tool = await requireTool(m, id);
      // A draft's problems are a 422 naming each field; any other state is the machine's 409.
      const problems = tool.state === 'draft' ? await this.problems(m, tool.definition) : [];
      if (problems.length > 0) {
        throw new DomainError(
          ErrorCode.Validation,
          `audit tool ${tool.key} v${tool.version} cannot be published: ` +
            problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          { errors: problems },
        );
      }
      await moveTool(this.workflows, m, tool, { type: 'PUBLISH', problems: problems.length }, actor, {
        patch: { publishedAt: this.clock.nowIso() },
      });
      return this.view(m, id);
    });
  }

  /** Takes a version out of use for new audits; the standard tool always keeps one published. */
  retire(id: number, actor: Actor): Promise<AuditToolView> {
    return this.db.transaction(async (m) => {
      const tool = await requireTool(m, id);
      const mustStayPublished = tool.key === STANDARD_TOOL_KEY && tool.state === 'published';
      let otherPublished = 0;
      if (mustStayPublished) {
        // Locked so that two retirements at once cannot each count the other's version as the survivor.
        const published = await m.find(AuditTool, {
          where: { key: tool.key, state: 'published' },
          lock: this.rowLock,
        });
        otherPublished = published.filter((p) => p.id !== tool.id).length;
        if (otherPublished === 0) {
          throw new DomainError(
            ErrorCode.Conflict,
            `audit tool ${tool.key} v${tool.version} is the only published version of the standard tool; ` +
              'new audits need it: publish another version first',
            { state: tool.state, event: 'RETIRE' },
          );
        }
      }
      await moveTool(this.workflows, m, tool, { type: 'RETIRE', mustStayPublished, otherPublished }, actor, {
        patch: { retiredAt: this.clock.nowIso() },
      });
      return this.view(m, id);
    });
  }

  /** The version a new audit of this tool starts with: the newest published. Runs in the caller's transaction. */
  async currentPublished(m: EntityManager, key = STANDARD_TOOL_KEY): Promise<AuditTool> {
    const tool = await m.findOne(AuditTool, {
      where: { key, state: 'published' },
      order: { version: 'DESC' },
    });
    if (!tool) throw noPublishedVersion(key);
    return tool;
  }

  /**
   * The id of the newest published version, all an audit's START pins: one indexed lookup,
   * without loading and parsing the definition on every start.
   */
  async currentPublishedId(m: EntityManager, key = STANDARD_TOOL_KEY): Promise<number> {
    const [row] = (await m.query(
      `SELECT id FROM audit_tools WHERE "key" = ${placeholder(m, 1)} AND state = 'published'
       ORDER BY version DESC LIMIT 1`,
      [key],
    )) as { id: number | string }[];
    if (!row) throw noPublishedVersion(key);
    return Number(row.id);
  }

  /**
   * The version an audit pinned, even if retired since: an audit is read and graded with the
   * tool it started with. Never a draft, which may still change under it.
   */
  async toolForAudit(m: EntityManager, toolId: number): Promise<AuditTool> {
    const tool = await requireTool(m, toolId);
    if (tool.state === 'draft') {
      throw new DomainError(
        ErrorCode.Conflict,
        `audit tool ${toolId} is a draft; audits use published versions`,
      );
    }
    return tool;
  }

  /** Row locks for PostgreSQL; SQLite runs one unit of work at a time (see Db) and has none. */
  private get rowLock() {
    return this.db.isSqlite ? undefined : ({ mode: 'pessimistic_write' } as const);
  }

  private async view(m: EntityManager, id: number): Promise<AuditToolView> {
    const tool = toRecord(await requireTool(m, id));
    return tool.status === 'draft' ? { ...tool, problems: await this.problems(m, tool.definition) } : tool;
  }

  private async problems(m: EntityManager, definition: AuditToolDefinition): Promise<FieldProblem[]> {
    return validateDefinition(definition, await this.org.cohortCodes(m));
  }

  private async copyDefinition(m: EntityManager, fromToolId: number): Promise<AuditToolDefinition> {
    const source = await m.findOneBy(AuditTool, { id: fromToolId });
    if (!source) throw DomainError.validation('fromToolId', `no audit tool has id ${fromToolId}`);
    return normaliseDefinition(source.definition);
  }
}

/** Not a 404: the caller (starting an audit) exists; the configuration is what is missing. */
function noPublishedVersion(key: string): DomainError {
  return new DomainError(
    ErrorCode.Conflict,
    `audit tool ${key} has no published version: an administrator must publish one`,
  );
}

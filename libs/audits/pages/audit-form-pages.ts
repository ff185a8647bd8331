import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../../auth/index.js';
import type { FieldMap, FormErrors } from '../../web/index.js';
import { AuditViewService } from '../audit-view.service.js';
import type { AuditorActions } from './audit-page.view.js';
import { auditPage, type AuditPageView, redirectAfterPost, refusal, render } from './audit-page-base.js';
import { formNotOpen } from './audit-overview.js';
import type { EarlierLine } from './earlier-versions.js';
import { returnToOf } from './return-to.js';

export type LoadedAuditPage = Omit<AuditPageView, 'pageTitle'>;

/**
 * One form on an audit, as data: what its handlers say that is their own. The shape they share
 * (load the audit, check the form is open to its reader, render, refuse keeping what was typed)
 * is `AuditFormPages`.
 */
export interface AuditFormView<V> {
  /** The template under audits/views. */
  view: string;
  pageTitle: string | ((page: LoadedAuditPage) => string);
  /** Whether the reader may use the form now; if not, the audit (a post: 409, typed text shown). */
  isOpen: (actions: AuditorActions) => boolean;
  /**
   * A refused post shows the form itself again even once it is no longer open: its answers are
   * too many to show back as lines (grading), so the form keeps them for the auditor to copy.
   */
  keepsFormWhenClosed?: boolean;
  /** The values stored, shown before anything is typed. */
  stored: (page: LoadedAuditPage) => V;
  /** A refused post's answers in the form's words, shown back when the form is no longer open. */
  typed: (posted: V) => EarlierLine[];
  /** Anything else the template reads, from the audit and the values shown. */
  extra?: (page: LoadedAuditPage, values: V) => Record<string, unknown>;
}

/** A form whose post is one command: how its refusals name its fields. */
export interface AuditForm<V> extends AuditFormView<V> {
  fields: FieldMap;
  /** Where a refusal that names no field is shown. */
  fallbackId: string;
}

/** Which audit, for whom, and where "Back" and saving lead (`returnTo`, checked against a list). */
export interface FormAt {
  id: number;
  user: AuthenticatedUser;
  returnTo?: unknown;
}

/** The load-check-render-refuse shape every audit form shares; the action pages start from it. */
@Injectable()
export class AuditFormPages {
  constructor(private readonly views: AuditViewService) {}

  /** The form: the stored values on a GET; after a refused post, what was typed and why. */
  async show<V>(
    response: Response,
    form: AuditFormView<V>,
    at: FormAt,
    posted: V | null = null,
    errors: FormErrors | null = null,
    status = 200,
    /** What this one rendering adds (whether the draft was just saved). */
    more: Record<string, unknown> = {},
  ): Promise<void> {
    const page = await auditPage(this.views, at.id, at.user);
    if (!form.isOpen(page.actions) && !(errors && form.keepsFormWhenClosed)) {
      return formNotOpen(response, page, errors, posted === null ? [] : form.typed(posted));
    }
    const values = posted ?? form.stored(page);
    const model = {
      ...page,
      ...form.extra?.(page, values),
      ...more,
      pageTitle: typeof form.pageTitle === 'string' ? form.pageTitle : form.pageTitle(page),
      errors,
      values,
      returnTo: returnToOf(at.returnTo),
    };
    render(response, form.view, model, status);
  }

  /**
   * Runs the post's command, then goes where it says. A refusal shows the form again with what
   * was typed (422 for input, 409 for a conflict); anything else is the server's error.
   */
  async submit<V>(
    response: Response,
    form: AuditForm<V>,
    at: FormAt,
    posted: V,
    command: () => Promise<string>,
  ): Promise<void> {
    try {
      redirectAfterPost(response, await command());
    } catch (error) {
      const { errors, status } = refusal(error, form.fields, form.fallbackId);
      await this.show(response, form, at, posted, errors, status);
    }
  }
}

import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { Clock } from '../../clock/index.js';
import { DomainError, ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, Roles } from '../../org/index.js';
import { Db } from '../../persistence/index.js';
import {
  type FormErrors,
  formErrorsFrom,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { ActionRecordService } from '../action-record.service.js';
import { ActionDoneDto, ActionDueDateDto, ActionProgressDto, ActionReasonDto } from '../actions.dto.js';
import { ActionsService } from '../actions.service.js';
import {
  type ActionFormValues,
  conflictErrors,
  dueOnOf,
  EMPTY_FORM,
  fallbackIdOf,
  fieldMapOf,
  FORM_STEPS,
  type FormStep,
  formsFor,
  formValues,
  missingFields,
  STEP_NOTICES,
  statusOf,
  versionOf,
} from './action-forms.js';
import { actionView } from './action-view.js';
import { reassignChoices } from './reassign-choices.js';

/**
 * One action: what it asks and why, who owns it and by when, its state and its history, and the
 * forms for the steps this reader may take now (action-forms.ts decides which, by the machine and
 * the service's own access rules). Each form posts to /actions/:id/<step>, calls the service's
 * command and comes back here with a banner; a refusal shows the page again with what was typed.
 * Anyone who may not read the action gets the same 404 as for one that does not exist.
 */
@ApiExcludeController()
@Page()
@Controller('actions/:id')
export class ActionPageController {
  constructor(
    private readonly records: ActionRecordService,
    private readonly actions: ActionsService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  async show(
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const notice = FORM_STEPS.includes(done as FormStep) ? STEP_NOTICES[done as FormStep] : undefined;
    await this.render(response, id, user, { notice });
  }

  @Post(':step')
  @Roles(...ALL_ROLES)
  async take(
    @Param('id', ParseIdPipe) id: number,
    @Param('step') step: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    if (!FORM_STEPS.includes(step as FormStep)) throw DomainError.notFound('page', id);
    const formStep = step as FormStep;
    const form = formValues(body);
    const missing = missingFields(formStep, form);
    if (missing) return this.render(response, id, user, { form, errors: missing, step: formStep }, 422);
    try {
      await this.send(id, formStep, form, versionOf(body), user);
      redirectAfterPost(response, `/actions/${id}?done=${formStep}`);
    } catch (error) {
      // A stale form or a step the state no longer takes: the page as it is now, with a message.
      const errors =
        conflictErrors(error) ?? formErrorsFrom(error, fieldMapOf(formStep), fallbackIdOf(formStep));
      await this.render(response, id, user, { form, errors, step: formStep }, statusOf(error));
    }
  }

  private async send(
    id: number,
    step: FormStep,
    form: ActionFormValues,
    version: number,
    user: AuthenticatedUser,
  ): Promise<void> {
    const a = this.actions;
    switch (step) {
      case 'start':
        return void (await a.start(id, version, user));
      case 'progress': {
        const { note } = await validateInput(ActionProgressDto, { note: form.note, version });
        return void (await a.recordProgress(id, note, version, user));
      }
      case 'done': {
        const done = await validateInput(ActionDoneDto, {
          ...pick(form, 'whatWasDone', 'evidence'),
          version,
        });
        return void (await a.markDone(id, pick(done, 'whatWasDone', 'evidence'), version, user));
      }
      case 'verify':
        return void (await a.verify(id, version, user));
      case 'send-back': {
        const { reason } = await validateInput(ActionReasonDto, { reason: form.reason, version });
        return void (await a.sendBack(id, reason, version, user));
      }
      case 'chase':
        return void (await a.chase(id, version, user));
      case 'reassign':
        return void (await a.reassign(id, Number(form.ownerId), version, user));
      case 'due-date': {
        const input = { dueOn: dueOnOf(form), reason: form.reason, version };
        const change = await validateInput(ActionDueDateDto, input);
        return void (await a.moveDueDate(id, pick(change, 'dueOn', 'reason'), version, user));
      }
      case 'cancel': {
        const { reason } = await validateInput(ActionReasonDto, { reason: form.reason, version });
        return void (await a.cancel(id, reason, version, user));
      }
    }
  }

  private async render(
    response: Response,
    id: number,
    user: AuthenticatedUser,
    extra: { form?: ActionFormValues; errors?: FormErrors | null; step?: FormStep; notice?: string },
    status = 200,
  ): Promise<void> {
    const action = await this.records.show(id, user);
    const forms = formsFor(user, action.state, action);
    const owners = forms.reassign ? await this.db.read((m) => reassignChoices(m, action)) : [];
    renderPage(
      response,
      'actions/views/action.njk',
      {
        ...actionView(action, this.clock.today(), user.id),
        forms,
        // A select starts with no one chosen, so a manager cannot reassign by accident.
        ownerItems: [
          { value: '', text: 'Choose a person' },
          ...owners.map((o) => ({
            value: String(o.id),
            text: o.name,
            selected: String(o.id) === extra.form?.ownerId,
          })),
        ],
        form: extra.form ?? EMPTY_FORM,
        errors: extra.errors ?? null,
        // The form that was refused stays open, so what was typed is in view beside its error.
        openStep: extra.step ?? null,
        notice: extra.notice ?? null,
      },
      status,
    );
  }
}

function pick<T extends object, K extends keyof T>(from: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UserAdminService } from '../org/index.js';
import { Session } from './session.entity.js';

/**
 * When org takes a person's access away (deactivation, a password reset), every session they
 * hold ends in the same transaction: org owns the people, auth owns the sessions.
 */
@Injectable()
export class SessionRevocation implements OnModuleInit {
  constructor(private readonly users: UserAdminService) {}

  onModuleInit(): void {
    this.users.onAccessRevoked((m, userId) => m.delete(Session, { userId }));
  }
}

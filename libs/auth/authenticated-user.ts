import type { Role } from '../org/index.js';

/** Who is calling: what the guards attach to the request and the services check. */
export interface AuthenticatedUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
  localityId: number | null;
  /** Set (true) when an administrator set the password: nothing but choosing a new one until it is done. */
  mustChangePassword?: boolean;
}

export function actorOf(user: AuthenticatedUser): { id: number; label: string } {
  return { id: user.id, label: `${user.username} (${user.role})` };
}

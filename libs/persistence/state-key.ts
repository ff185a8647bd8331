import type { StateValue } from 'xstate';

/** A state value as one queryable string: `inProgress`, or `parent.child` for nested states. */
export function stateKey(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([parent, child]) => (child === undefined ? parent : `${parent}.${stateKey(child)}`))
    .join(',');
}

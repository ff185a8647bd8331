import type { AnyStateMachine, StateNode } from 'xstate';

/**
 * The states of `machine` that carry `tag`, as the strings stored in a `state` column
 * (`parent.child` for nested states, the same form as stateKey). SQL filters and access checks
 * take their state lists from here, so a state's meaning is written once, on the machine.
 */
export function statesTagged(machine: AnyStateMachine, tag: string): string[] {
  return allStates(machine)
    .filter((node) => node.tags.includes(tag))
    .map((node) => node.path.join('.'));
}

/** Every state's tags, by state key: the table a spec asserts whole. */
export function tagsByState(machine: AnyStateMachine): Record<string, string[]> {
  return Object.fromEntries(allStates(machine).map((node) => [node.path.join('.'), [...node.tags].sort()]));
}

function allStates(machine: AnyStateMachine): StateNode[] {
  const nodes: StateNode[] = [];
  const visit = (node: StateNode) => {
    for (const child of Object.values(node.states) as StateNode[]) {
      nodes.push(child);
      visit(child);
    }
  };
  visit(machine.root as StateNode);
  return nodes;
}

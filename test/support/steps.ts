/**
 * One named step of a journey that is sequential by nature (each step needs the one before), run
 * inside a single `it`: a failure names the step it happened in.
 */
export async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error) error.message = `step "${name}": ${error.message}`;
    throw error;
  }
}

export type RegisterFormat = 'csv' | 'annex-a' | 'ssda903';

export interface RegisterRow {
  /** Row number as a person sees it in the source: CSV line number (header = 1, first data row = 2); xlsx sheet row number; 903: the episodes.csv line number of the child's first relevant episode. */
  row: number;
  /** Sheet name (Annex A) or file name (903) the row came from, when there is more than one. */
  source?: string;
  caseRef: string;
  /** Upper-case cohort code: CIN, CP, CLA, CL (care leaver) or any other code the file names (e.g. EH, MASH, SEND). */
  cohort: string;
  /** null means unknown/unallocated team (blank, #N/A, "Unallocated", etc.). */
  team: string | null;
  worker: string | null;
  /** The worker's stable key (worker id or e-mail, normalised) where the file has one; never a name. */
  workerKey?: string | null;
  teamManager: string | null;
  locality: string | null;
  /** YYYY-MM-DD or null when the source does not give it. */
  openedOn: string | null;
  /** YYYY-MM-DD, null when the case is open. */
  closedOn: string | null;
}

export interface RejectedRow {
  row: number;
  source?: string;
  reason: string;
  /**
   * The case the rejected row was about, when the row named one. A full import must not close a
   * case whose row was rejected: the case is still in the file, it just could not be read.
   */
  caseRef?: string;
}

export interface ParsedRegister {
  format: RegisterFormat;
  rows: RegisterRow[];
  rejected: RejectedRow[];
}

/** The whole file is refused: wrong format or a required column missing. Nothing may be written. */
export class RegisterFormatError extends Error {
  constructor(
    message: string,
    readonly column?: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'RegisterFormatError';
  }
}

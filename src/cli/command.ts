/** The shape of a `plenary` sub-command. */
export interface Command {
  readonly name: string;
  /** One line: `plenary check SPEC TIMETABLE [--previous TIMETABLE] [--json]`. */
  readonly usage: string;
  /** One sentence. */
  readonly summary: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[]): Promise<number>;
}

/** Exit codes of SPEC §8. */
export const EXIT = Object.freeze({ ok: 0, internal: 1, badInput: 2, infeasible: 3 });

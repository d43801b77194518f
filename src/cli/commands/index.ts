import type { Command } from '../command.js';
import { check } from './check.js';
import { expand } from './expand.js';
import { ics } from './ics.js';
import { slots } from './slots.js';
import { solveCommand } from './solve.js';
import { spread } from './spread.js';

/** Every sub-command, in the order `plenary --help` lists them. */
export const commands: readonly Command[] = [solveCommand, check, expand, spread, slots, ics];

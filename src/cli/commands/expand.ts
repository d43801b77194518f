import { expandSpec } from '../../spec/read.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { readData } from '../io.js';

const usage = 'plenary expand SPEC';

/** `plenary expand SPEC`: prints the expanded, validated `plenary.meeting/1`. */
export const expand: Command = {
  name: 'expand',
  usage,
  summary: 'prints the expanded plenary.meeting/1 spec, every default applied',
  async run(argv) {
    const { positionals } = parse(argv, {}, ['SPEC'], usage);
    const path = positionals[0]!;
    const spec = expandSpec(readData(path), path);
    process.stdout.write(`${JSON.stringify(spec, null, 2)}\n`);
    return EXIT.ok;
  },
};

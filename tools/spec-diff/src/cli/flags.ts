import { UsageError } from '../git.js';

/** One command-line argument as a flag: its name, its `--flag=value` part, and a reader for its value. */
export interface Flag {
  /** `--out` for `--out x` and `--out=x`. */
  readonly name: string;
  /** The argument as given, for messages. */
  readonly raw: string;
  /** The `=value` part, if any: a flag that takes no value refuses it. */
  readonly inline: string | undefined;
  /** The flag's value (`--out x` or `--out=x`); a missing one is a UsageError naming `example`. */
  value(example: string): string;
}

/**
 * Walks `argv` one flag at a time. A value is the `=` part or the next argument, which must not be empty
 * or look like another option. Shared by the spec:diff and review command lines.
 */
export function forEachFlag(argv: readonly string[], visit: (flag: Flag) => void): void {
  for (let index = 0; index < argv.length; index += 1) {
    const raw = argv[index] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    visit({
      name,
      raw,
      inline,
      value: (example) => {
        const next = inline ?? argv[index + 1];
        if (inline === undefined) index += 1;
        if (next === undefined || next === '' || (inline === undefined && next.startsWith('-'))) {
          throw new UsageError(`${name} needs a value, e.g. ${name} ${example}.`);
        }
        return next;
      },
    });
  }
}

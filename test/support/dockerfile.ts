import { readFileSync } from 'node:fs';

/**
 * The Dockerfile read as Docker reads it, for the test that lays the image out without Docker
 * (test/build/image-layout.spec.ts): reading the file itself means an edit that breaks the
 * image breaks that test. Only the syntax the project's Dockerfile uses: instructions, `\`
 * continuations, whole-line comments (also inside a continuation, which Docker drops), stages.
 */

export interface Instruction {
  /** In upper case: FROM, RUN, COPY, ENV, ... */
  keyword: string;
  /** Everything after the keyword, continuations joined with a space. */
  args: string;
  /** Line number of the instruction's first line, for messages. */
  line: number;
}

export interface Stage {
  /** The `AS` name, or undefined. */
  name?: string;
  instructions: Instruction[];
}

export function readDockerfile(path: string): Stage[] {
  const stages: Stage[] = [];
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#|$)/.test(lines[i])) continue;
    const line = i + 1;
    let text = lines[i];
    while (/\\\s*$/.test(text) && i + 1 < lines.length) {
      text = text.replace(/\\\s*$/, ' ');
      i++;
      if (!/^\s*#/.test(lines[i])) text += lines[i];
    }
    const [, keyword, args] = /^\s*(\S+)\s*(.*)$/.exec(text)!;
    const instruction = { keyword: keyword.toUpperCase(), args: args.trim().replace(/\s+/g, ' '), line };
    if (instruction.keyword === 'FROM') stages.push({ name: /\sAS\s+(\S+)$/i.exec(instruction.args)?.[1], instructions: [] });
    else if (stages.length === 0) throw new Error(`Dockerfile line ${line}: ${instruction.keyword} before the first FROM`);
    stages.at(-1)!.instructions.push(instruction);
  }
  return stages;
}

/** `ENV A=1 B="two words"` (and the old `ENV A 1`) as { A: '1', B: 'two words' }. */
export function envOf(args: string): Record<string, string> {
  const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)];
  if (pairs.length === 0) {
    const [name, ...value] = args.split(' ');
    return { [name]: value.join(' ') };
  }
  return Object.fromEntries(pairs.map(([, name, value]) => [name, value.startsWith('"') ? JSON.parse(value) as string : value]));
}

/** `COPY [--from=build] [--chown=..] src... dest` as its flags, sources and destination. */
export function copyOf(args: string): { flags: Record<string, string>; sources: string[]; destination: string } {
  if (args.startsWith('[')) throw new Error(`COPY ${args}: the JSON form is not read here; use COPY src... dest`);
  const words = args.split(' ');
  const flags: Record<string, string> = {};
  while (words[0]?.startsWith('--')) {
    const [name, value = ''] = words.shift()!.slice(2).split('=');
    flags[name] = value;
  }
  const destination = words.pop();
  if (!destination || words.length === 0) throw new Error(`COPY ${args}: needs a source and a destination`);
  return { flags, sources: words, destination };
}

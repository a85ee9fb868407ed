// Whether the user wants the sandbox's demo data, kept in <userData>/sandbox/demo.json so the
// switch (and the traffic, at the next start) comes back after Brook restarts. Outside the data
// folder, so Reset data keeps it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const DemoChoice = z.object({ demo: z.boolean() });

/** The saved choice; off when there is none or it cannot be read. */
export function loadDemoChoice(file: string): boolean {
  try {
    return DemoChoice.parse(JSON.parse(readFileSync(file, 'utf8'))).demo;
  } catch {
    return false;
  }
}

export function saveDemoChoice(file: string, demo: boolean): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ demo }) + '\n');
}

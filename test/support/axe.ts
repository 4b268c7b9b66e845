import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * axe-core (the npm package) run inside a page of the web board. The source is evaluated
 * through the DevTools protocol rather than added as a <script>, so the page keeps its
 * strict CSP (script-src 'self') exactly as a council's browser sees it.
 */
const AXE_SOURCE = readFileSync(resolve(require.resolve('axe-core'), '../axe.min.js'), 'utf8');

/** The WCAG 2.2 A and AA rules (with 2.0 and 2.1, which 2.2 includes), as the law asks of public bodies. */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string[]; failureSummary?: string; html: string }>;
}

/** The violations of one page, every impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary, html: n.html.slice(0, 200) })),
    }));
  }, WCAG_22_AA_TAGS);
}

/** The violations, one readable paragraph each: rule, impact, what to do, and where. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => [`${where}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`, ...v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)].join('\n'))
    .join('\n');
}

/** The serious and critical violations of the page, printed readably (empty when it passes). */
export async function seriousViolations(page: Page, where: string): Promise<string> {
  const violations = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return describeViolations(where, violations);
}

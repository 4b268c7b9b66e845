import { apiGet } from './api.js';
import type { DemoStatus } from './contract.js';

const NO_DEMO: DemoStatus = { demo: false, endsAt: null };
let asked: Promise<DemoStatus> | undefined;

/** Whether the log holds demo data (GET /api/demo), asked once per sign-in and shared by the banner and the trends. */
export function demoStatus(): Promise<DemoStatus> {
  asked ??= apiGet<DemoStatus>('/api/demo').then((answer) => answer.body, () => NO_DEMO);
  return asked;
}

/** Signed out: the next person asks again. */
export function forgetDemoStatus(): void {
  asked = undefined;
}

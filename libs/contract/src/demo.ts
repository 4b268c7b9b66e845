/** GET /api/demo: whether the log holds demonstration data (`npm run demo`), so the web board flags it on every page. */
export interface DemoStatus {
  demo: boolean;
  /**
   * When the demo history ends (the time of its last event, on its simulated clock), or null.
   * The history is 18 months of 2013-2015: the web board ends its trends there, not at today.
   */
  endsAt: string | null;
}

/** The banner the web board shows while demo data is present. */
export const DEMO_BANNER_TEXT = 'Demonstration data: the plans are real, the history and the school names are invented';

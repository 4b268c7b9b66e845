/** GET /api/demo: whether the log holds demonstration data (`npm run demo`), so the web board flags it on every page. */
export interface DemoStatus {
  demo: boolean;
}

/** The banner the web board shows while demo data is present. */
export const DEMO_BANNER_TEXT = 'Demonstration data: the plans are real, the history and the school names are invented';

import type { AuditEntry } from '@rag-ledger/projections';
import { STATUS_LABELS, type ActionStatus } from '@rag-ledger/domain';

const status = (s: unknown) => (typeof s === 'string' && s in STATUS_LABELS ? `${s} (${STATUS_LABELS[s as ActionStatus]})` : String(s));
const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') || 'nobody' : String(v));

/** One event as a line an auditor reads: what changed, from what to what. */
export function describeChange(entry: AuditEntry): string {
  const d = entry.data as Record<string, unknown>;
  switch (entry.type) {
    case 'PlanCreated':
      return `Plan created: ${d.title}`;
    case 'PlanVersionRefreshed':
      return `Plan refreshed${d.version ? ` to version ${d.version}` : ''}${d.previousVersion ? ` (was ${d.previousVersion})` : ''}`;
    case 'WorkstreamAdded':
      return `Work-stream added: ${d.title}`;
    case 'WorkstreamRevised':
      return `Work-stream ${d.workstreamId} revised: ${Object.keys((d.changes as object) ?? {}).join(', ')}`;
    case 'ActionAdded':
      return `Action added (W, not started)${d.targetDate ? `, due ${d.targetDate}` : ''}`;
    case 'ActionStarted':
      return `Started at ${status(d.rag)}`;
    case 'ActionRagChanged':
      return `RAG ${status(d.from)} -> ${status(d.to)}`;
    case 'ActionProgressNoted':
      return `Progress noted: ${d.text}`;
    case 'ActionTargetDateRevised':
      return `Target date ${d.from ?? 'none'} -> ${d.to}`;
    case 'ActionOwnersReassigned':
      return `Owners ${list(d.from)} -> ${list(d.to)}`;
    case 'ActionCompleted':
      return `Completed (B) from ${status(d.from)}`;
    case 'ActionReopened':
      return `Reopened at ${status(d.rag)}`;
    case 'ActionWithdrawn':
      return `Withdrawn (was ${status(d.from)})`;
    case 'ActionDetailsRevised':
      return `Details revised: ${Object.keys((d.changes as object) ?? {}).join(', ')}`;
    default:
      return entry.type;
  }
}

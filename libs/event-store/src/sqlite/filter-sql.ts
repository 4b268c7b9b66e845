import type { SubscriptionFilter } from '../event-store.port';

export interface CompiledFilter {
  /** An SQL fragment starting with ' AND', or '' for no filter. */
  where: string;
  params: (string | number)[];
}

/** Turns a subscription filter into SQL, so filtered-out events are never parsed. */
export function compileFilter(filter: SubscriptionFilter | undefined): CompiledFilter {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0) {
    // substr() instead of LIKE: prefixes may contain '%' or '_', which LIKE would treat as wildcards.
    clauses.push(`(${prefixes.map(() => 'substr(stream_id, 1, ?) = ?').join(' OR ')})`);
    for (const prefix of prefixes) params.push(prefix.length, prefix);
  }
  const types = filter?.eventTypes ?? [];
  if (types.length > 0) {
    clauses.push(`type IN (${types.map(() => '?').join(', ')})`);
    params.push(...types);
  }
  return { where: clauses.map((c) => ` AND ${c}`).join(''), params };
}

import { maySeeEverySchool, maySeeSchool } from '@rag-ledger/contract';
import { NO_SCHOOLS_SHOWN, type SchoolsShown } from '@rag-ledger/projections';
import type { Principal } from '../../auth/principal';

/**
 * The schools a register measure may name to the caller (a school's category is confidential,
 * 000:131-133): every one for officers, admins and auditors; for others only the schools their
 * rights name (a headteacher's own, a local member's division), and the list is left out when
 * none of those was counted, so a board member sees the numbers and no school.
 */
export function schoolsShownTo(principal: Principal | undefined): SchoolsShown {
  if (!principal) return NO_SCHOOLS_SHOWN;
  if (maySeeEverySchool(principal)) return (schools) => schools;
  return (schools) => {
    const own = schools.filter((s) => maySeeSchool(principal, s.urn));
    return own.length > 0 ? own : undefined;
  };
}

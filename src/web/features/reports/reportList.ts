import type { SalesReportKey } from '../../../shared/schemas/reports';

/** Which filters a report takes besides range, currency, team and owner. */
export const USES_PIPELINE: ReadonlySet<SalesReportKey> = new Set(['funnel', 'win-rate', 'sales-cycle', 'forecast']);

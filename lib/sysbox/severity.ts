import { z } from 'zod';
import { SEVERITIES } from './severity-status';

export { SEVERITIES, SEVERITY_STATUS, type Severity } from './severity-status';

/** The severity list as a schema, for the findings' and warnings' schemas. */
export const severitySchema = z.enum(SEVERITIES);

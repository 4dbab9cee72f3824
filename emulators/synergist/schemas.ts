/** What the Synergist emulator accepts on the wire, as zod schemas. */
import { z } from 'zod';

import { JOB_CUSTOM_FIELDS } from './seed';

/** Digits only: page, rows, company numbers, user IDs. */
export const unsignedInt = z.string().regex(/^\d+$/);

/** `version=3.2` (older examples send 3.1; the reference also tags features "from API 2.2"). */
export const apiVersion = z
	.string()
	.regex(/^\d+\.\d+$/)
	.refine((v) => Number(v) >= 2 && Number(v) <= 3.2);

/** A job code as a filter: `<company>/<code>` (1/00000510, 1/00SCP974, 1/CS51). */
export const jobCode = z.string().regex(/^\d+\/[A-Za-z0-9]{1,10}$/);

/** `input={"data":[…]}`: always an array of row objects. */
export const inputEnvelope = z.object({ data: z.array(z.record(z.unknown())).min(1) }).passthrough();

/** The reference sends numbers as strings and as numbers ("jobStatus":"2", "jobContactInternalRef": 8600). */
const looseInt = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));
const text = z.string();
/** `YYYY-MM-DD`, or `YYYY/MM/DD` as the create example sends it (unpadded forms appear elsewhere in the reference). */
const looseDate = z.string().regex(/^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/);

const customFields = Object.fromEntries(Object.keys(JOB_CUSTOM_FIELDS).map((name) => [name, text.optional()]));

/** One row of a jobs.json create, with the exact key spellings of the reference (jobHandleruserid, not …UserID). */
export const jobCreateRow = z
	.object({
		varJobTemplate: text.optional(),
		jobClientCode: text.optional(),
		jobDateIn: looseDate.optional(),
		jobDateDue: looseDate.optional(),
		jobNumber: text.optional(),
		jobDescription: text.optional(),
		jobComments: text.optional(),
		jobJobtypeCode: text.optional(),
		jobHandleruserid: looseInt.optional(),
		jobHandlerTeam: text.optional(),
		jobStatus: looseInt.optional(),
		jobPrefixOnly: text.optional(),
		jobReferenceJob: text.optional(),
		jobContactInternalRef: looseInt.optional(),
		jobProjectCode: looseInt.optional(),
		jobCampaignNo: looseInt.optional(),
		...customFields,
	})
	.strict();

export type JobCreateRow = z.infer<typeof jobCreateRow>;

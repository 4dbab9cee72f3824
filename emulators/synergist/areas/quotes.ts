import { uuidOf } from '../seed';
import { linesEnvelope, phasesAsked } from './estimates';
import type { Area } from './types';

/** quotes.json: the quote lines of a job (`Job-Number=`) or a phase (`Job-And-Phase=`); a break line per phase. */
export const quotesArea: Area = {
	read: (call) => {
		let line = 0;
		const rows = phasesAsked(call).flatMap((p) =>
			[
				{ detail: p.description, value: 0, breakLine: true },
				{ detail: 'Artwork - includes work on icons', value: 110, breakLine: false },
			].map(({ detail, value, breakLine }) => {
				line++;
				return {
					quoteUuid: uuidOf(`quote:${p.jobAndPhase}:${line}`),
					quoteTimestampModified: p.job.jobTimeStampModified,
					quoteRecordVersionNumber: 6,
					quoteBreakCode: String(line).padStart(6, '0'),
					quoteBreakLine: breakLine,
					quoteDiscChargeRate: 0,
					quoteLineBold: breakLine,
					quoteLineDescription: breakLine ? `Phase ${p.phase}` : 'Artwork',
					quoteLineDetail: detail,
					quoteLineItalic: false,
					quoteLineNumber: line,
					quoteLineQty: 1,
					quoteLineUnderline: false,
					quoteLineValue: value,
				};
			}),
		);
		return linesEnvelope(rows);
	},
};

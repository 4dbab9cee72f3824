import { findPhase, jobOfCode, phasesOf, type SynergistPhase } from './phases';
import { XmlFault, badParameter, companyOf, okEnvelope, type Call, type Area } from './types';

/**
 * estimates.json and quotes.json: the lines of a job (`Job-Number=`) or of a phase (`Job-And-Phase=`). The reference's
 * own estimates example passes a phase number in Job-Number, so a phase code there reads that phase. Both answer
 * `totalrows: 0` with rows present, as the reference's examples do.
 */

/** The phases a `Job-Number` / `Job-And-Phase` call asks about; the code must be in the call's company. */
export function phasesAsked(call: Call): SynergistPhase[] {
	const company = companyOf(call, true)!;
	const job = call.params['job-number'];
	const jobAndPhase = call.params['job-and-phase'];
	if ((job === undefined || job === '') && (jobAndPhase === undefined || jobAndPhase === '')) throw badParameter('Job-Number', '');
	const code = jobAndPhase ?? job;
	const isPhase = jobAndPhase !== undefined || /\.[A-Za-z0-9]+$/.test(code);
	const name = jobAndPhase !== undefined ? 'Job-And-Phase' : 'Job-Number';
	const found = jobOfCode(call, name, code, isPhase);
	if (!code.startsWith(`${company.number}/`)) throw new XmlFault(404501, `invalid company ${company.number} for ${code}`);
	if (!found) return [];
	if (!isPhase) return phasesOf(found);
	const phase = findPhase(call.state, code);
	return phase ? [phase] : [];
}

/** Everything at once, with the reference's `totalrows: 0`. */
export const linesEnvelope = (rows: unknown[]) => okEnvelope({ totalrows: 0, totalpages: 1, pagerows: 0, pagenumber: 1, data: rows });

const LINES: Array<['S' | 'M' | 'B', string, number, number]> = [
	['S', 'Rail Engineer', 400, 4],
	['M', 'Paper stock', 120, 0],
	['B', 'Subcontract Design Services', 45, 0],
];

export const estimatesArea: Area = {
	read: (call) =>
		linesEnvelope(
			phasesAsked(call).flatMap((p) =>
				LINES.map(([type, description, cost, units]) => ({
					estimateCostActual: 0,
					estimateCostEstimated: cost,
					estimateDescription: description,
					estimatePhase: p.phase,
					estimatePhaseDescription: p.description,
					estimateQuoteDetail: '',
					estimateType: type,
					estimateUnitsActual: 0,
					estimateUnitsEstimated: units,
				})),
			),
		),
};

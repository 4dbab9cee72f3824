import { linesEnvelope } from './estimates';
import { badParameter, companyOf, type Area } from './types';

/** thermos.json?type=job|phase: the thermometer index numbers (a "Key thermos" group header first, as the example). */
const THERMOS: Array<[string, string, number, number]> = [
	['KeyThermos', 'Key thermos', -1, 0],
	['KeyThermos', 'Actual to estimated cost', 1, 110],
	['KeyThermos', 'Actual to quoted charge', 2, 110],
	['Time', 'Actual to estimated hours', 3, 100],
	['Dates', 'Elapsed to scheduled days', 4, 100],
];

export const thermosArea: Area = {
	read: (call) => {
		companyOf(call, true);
		const type = (call.params.type ?? '').toLowerCase();
		if (type !== 'job' && type !== 'phase') throw badParameter('type', call.params.type);
		return linesEnvelope(
			THERMOS.filter(([, , number]) => type === 'job' || number !== 2).map(([group, name, number, whitePoint]) => ({
				lookupJobPhaseThermGroup: group,
				lookupJobPhaseThermName: name,
				lookupJobPhaseThermNumber: number,
				lookupJobPhaseThermWhitePoint: whitePoint,
			})),
		);
	},
};

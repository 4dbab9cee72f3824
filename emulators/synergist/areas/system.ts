import { okEnvelope, type Area } from './types';

/** system.json: `action=version`, the credential test. */
export const systemArea: Area = {
	actions: {
		version: () =>
			okEnvelope({
				data: [
					{
						uuid: 'E646889F48DD423CA1300491A31E8C50',
						systemparameters_versionno: 12.2,
						systemparameters_versionrevision: 'd',
						variable_apiversion: '3.2',
					},
				],
			}),
	},
};

import { uuidOf } from '../seed';
import { paged, type Area } from './types';

/** companies.json: the Synergist companies (data sets) the user works in; no `company=` needed (one is ignored). */
export const companiesArea: Area = {
	read: (call) => {
		const rows = [...call.state.companies.values()]
			.filter((company) => call.user.companies.includes(company.number))
			.map((company) => ({
				companyUuid: uuidOf(`company:${company.number}`),
				companyModified: 1508488482 + company.number * 86400,
				companyRecordVersionNumber: 7 + company.number,
				companyDefault: company.number === 1,
				companyNumber: company.number,
				companyName: company.name,
				companyCountry: company.number === 8 ? 'NL' : 'UK',
				companyTimeZoneCode: company.number === 8 ? 'CET' : 'UTCA',
			}))
			.sort((a, b) => a.companyName.localeCompare(b.companyName));
		return paged(call, rows);
	},
};

import { unsignedInt } from '../schemas';
import { VIEW_TYPES, type SynergistView } from '../seed';
import { XmlFault, badParameter, paged, type Area } from './types';

/** views.json?type=<Organizations|Contacts|Activities|Opportunities|Jobs|Phases>: the saved views of a table. */
export const viewsArea: Area = {
	read: (call) => {
		const type = VIEW_TYPES.find((t) => t.toLowerCase() === (call.params.type ?? '').toLowerCase());
		if (!type) throw badParameter('type', call.params.type);
		// Several companies are separated by carriage returns; none (or empty) means all views.
		const raw = call.params.company ?? '';
		const companies = raw.trim() === '' ? undefined : raw.split(/\r\n|\r|\n/).filter((c) => c.trim() !== '');
		if (companies?.some((c) => !unsignedInt.safeParse(c.trim()).success)) throw new XmlFault(404501, `invalid company ${raw}`);
		const numbers = companies?.map((c) => Number(c.trim()));
		const rows = call.state.views
			.filter((view) => view.type === type)
			.filter((view) => view.SettingsCompany === 0 || numbers === undefined || numbers.includes(view.SettingsCompany))
			.filter((view) => view.SettingsUserID === 0 || view.SettingsUserID === call.user.userUserId)
			.map((view) => {
				const row: Partial<SynergistView> = { ...view };
				delete row.type;
				delete row.matches;
				return row;
			});
		return paged(call, rows);
	},
};

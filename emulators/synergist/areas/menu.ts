import type { ViewType } from '../seed';
import { badParameter, companyOf, okEnvelope, type Area } from './types';

/**
 * menu.json?action=viewlist&type=activity: the Views drop-down as a tree — a "System views" / "My views" parent row
 * each, then the views under it (`MenuClickAction` = the view ID, `MenuDefault` = the user's default). The reference
 * shows `type=activity` (singular, against views.json's `Activities`); the other singular table names are accepted too.
 */
const TYPES: Record<string, ViewType> = {
	activity: 'Activities',
	organization: 'Organizations',
	client: 'Organizations',
	contact: 'Contacts',
	opportunity: 'Opportunities',
	job: 'Jobs',
	phase: 'Phases',
};

export const menuArea: Area = {
	actions: {
		viewlist: (call) => {
			const company = companyOf(call, true)!;
			const type = TYPES[(call.params.type ?? '').toLowerCase()];
			if (!type) throw badParameter('type', call.params.type);
			const views = call.state.views
				.filter((v) => v.type === type)
				.filter((v) => v.SettingsCompany === 0 || v.SettingsCompany === company.number)
				.filter((v) => v.SettingsUserID === 0 || v.SettingsUserID === call.user.userUserId)
				.sort((a, b) => a.SettingsDisplayOrder.localeCompare(b.SettingsDisplayOrder));
			const groups: Array<[string, typeof views]> = [
				['System views', views.filter((v) => v.SettingsUserID === 0)],
				['My views', views.filter((v) => v.SettingsUserID !== 0)],
			];
			const data = groups
				.filter(([, members]) => members.length > 0)
				.flatMap(([group, members]) => [
					{ MenuClickAction: '', MenuDefault: false, MenuDescription: group, MenuExpanded: false, MenuLevelName: group, MenuParentName: '' },
					...members.map((v) => ({
						MenuClickAction: String(v.SettingsSettingsID),
						MenuDefault: v.SettingsDefault,
						MenuDescription: v.SettingsDescription,
						MenuExpanded: false,
						MenuLevelName: v.SettingsDescription,
						MenuParentName: group,
					})),
				]);
			return okEnvelope({ totalrows: 0, totalpages: 1, pagerows: 0, pagenumber: 1, data });
		},
	},
};

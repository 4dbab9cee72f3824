import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { salonOperation, type SalonEndpoint } from '../endpoint';

/*
 * Company settings. Values are strings as the API sends them ("0"/"1" for switches, "15" for numbers); they decide
 * how other methods behave (advanced_rostering gates rosters, prices_inc_tax what a price means). None of these lists
 * is paged.
 */

const settings: SalonEndpoint = {
	method: 'setting/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many settings',
	description: 'Get company settings by name, one item per setting (values are text, e.g. "0" or "1")',
	idempotent: true,
	list: { key: 'settings', pageable: false },
	filters: [
		{
			displayName: 'Setting Names',
			path: 'filters.setting_keys',
			name: 'setting_keys',
			type: 'stringList',
			default: '',
			placeholder: 'advanced_rostering, prices_inc_tax',
			description: 'Comma-separated names of the settings to get, e.g. advanced_rostering, auto_roster_off, prices_inc_tax',
		},
	],
};

const clientSettings: SalonEndpoint = {
	method: 'setting/client/list',
	value: 'getClientSettings',
	name: 'Get Many Client Settings',
	action: 'Get many client settings',
	description: 'Get the settings for adding and editing clients, and the categories new clients get, as one item',
	idempotent: true,
	body: { filters: {} },
};

const GROUPED = 'include';

const posSettings: SalonEndpoint = {
	method: 'setting/pos/list',
	value: 'getPosSettings',
	name: 'Get Many POS Settings',
	action: 'Get many POS settings',
	description: 'Get the point-of-sale settings, staff, tax rates and voucher defaults, as one item',
	idempotent: true,
	body: { filters: {} },
	build: (ctx: IExecuteFunctions, itemIndex: number, body: IDataObject) => {
		const include = ctx.getNodeParameter(GROUPED, itemIndex, []) as string[];
		// "paging options are ignored": only the grouped expansions are worth sending
		return include.length ? { ...body, options: { expanded_fields_grouped: include.map((expanded_field) => ({ expanded_field })) } } : body;
	},
};

const posOperation: Operation = salonOperation(posSettings);
posOperation.properties.push({
	displayName: 'Include',
	name: GROUPED,
	type: 'multiOptions',
	default: [],
	description: 'Lists to add to the result (discount types come only when advanced discounting is on)',
	options: [
		{ name: 'Discount Types', value: 'discount_types' },
		{ name: 'Payment Types', value: 'payment_types', description: 'Those shown at POS' },
	],
});

const onlineBookingSettings: SalonEndpoint = {
	method: 'setting/online_booking/list',
	value: 'getOnlineBookingSettings',
	name: 'Get Many Online Booking Settings',
	action: 'Get many online booking settings',
	// The docs end inside this method's example: the reply is passed on as it comes.
	description: 'Get the online booking settings of a company, as one item',
	idempotent: true,
	body: { filters: {} },
	filters: [
		{ displayName: 'Company ID', path: 'filters.company_id', type: 'id', description: "Defaults to the logged-in user's company" },
	],
};

export const setting: Resource = {
	value: 'setting',
	name: 'Setting',
	description: 'Company settings (client, POS and online booking settings too)',
	operations: [salonOperation(settings), salonOperation(clientSettings), posOperation, salonOperation(onlineBookingSettings)],
};

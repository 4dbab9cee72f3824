import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, executeOperations, type Resource } from '../shared/execute';
import { accounting } from './resources/accounting';
import { billing, smsCredit } from './resources/account';
import { appointment } from './resources/appointment';
import { campaign } from './resources/campaign';
import { message } from './resources/message';
import { availability } from './resources/availability';
import { client } from './resources/client';
import { company } from './resources/company';
import { hours } from './resources/hours';
import { clientCategory, country, referralType, state } from './resources/lookups';
import { session } from './resources/session';
import { setting } from './resources/setting';
import { system } from './resources/system';
import { lookupLoaders } from './methods/lookups';
import { clientFile } from './resources/clientFile';
import { clientImage } from './resources/clientImage';
import { clientPaymentType } from './resources/clientPaymentType';
import { staffLoaders } from './methods/staff';
import { onlineBooking } from './resources/onlineBooking';
import { operator } from './resources/operator';
import { salonResource } from './resources/resource';
import { roster } from './resources/roster';
import { service } from './resources/service';
import { clientMembership } from './resources/clientMembership';
import { clientPackage } from './resources/clientPackage';
import { clientProduct } from './resources/clientProduct';
import { clientVoucher } from './resources/clientVoucher';
import { membership } from './resources/membership';
import { salonPackage } from './resources/package';
import { membershipLoaders } from './methods/memberships';
import { productLoaders } from './methods/products';
import { discountType, paymentType, terminal } from './resources/payments';
import { pos } from './resources/pos';
import { brand, product, supplier } from './resources/product';

/** Every resource of the node, in no particular order (the pickers sort them). */
export const resources: Resource[] = [client, clientImage, clientFile, clientPaymentType, appointment, availability, operator, roster, salonResource, service, session, system, company, country, state, referralType, clientCategory, setting, hours, billing, smsCredit, message, campaign, accounting, onlineBooking, clientMembership, clientPackage, clientProduct, clientVoucher, membership, salonPackage, product, brand, supplier, discountType, paymentType, terminal, pos];

export class SimpleSalon implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Simple Salon',
		name: 'simpleSalon',
		icon: { light: 'file:../../icons/simplesalon.svg', dark: 'file:../../icons/simplesalon.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Book appointments, manage clients, staff, services, products, sales and messages in Simple Salon',
		defaults: { name: 'Simple Salon' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simpleSalonApi', required: true }],
		// up to 10 items at once when the user asks; token renewal is single-flight, so parallel items share one refresh
		properties: describeOperations(resources),
	};

	methods = {
		loadOptions: {
			...productLoaders,
			...membershipLoaders,
			...staffLoaders,
			...lookupLoaders,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, resources);
	}
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkFormat, requiredString } from '../../shared/params';

/** Webservice ids are `<module prefix>x<record number>`, e.g. 12x525. */
export const RECORD_ID = /^\d+x\d+$/;

/** Checks one record ID; the docs print IDs with a multiplication sign ("12×525"), which the API refuses. */
export function checkRecordId(ctx: IExecuteFunctions, value: string, itemIndex: number, label: string, example = '12x525'): string {
	return checkFormat(ctx, value.trim(), RECORD_ID, itemIndex, label, value.includes('×') ? `${example} (an ASCII "x", not the "×" the docs print)` : example);
}

/** A record ID parameter, checked before any request is sent. */
export function recordIdParameter(ctx: IExecuteFunctions, itemIndex: number, name = 'recordId', label = 'Record ID', example = '12x525'): string {
	return checkRecordId(ctx, requiredString(ctx, name, itemIndex, label), itemIndex, label, example);
}

export const moduleField: INodeProperties = {
	displayName: 'Module Name or ID',
	name: 'module',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getModules' },
	default: '',
	required: true,
	description:
		'The kind of record (Contacts, Organizations, Leads, …). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const recordIdField: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '12x525',
	description: 'The record\'s webservice ID: module prefix, "x", record number',
};

import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { checkFormat, requiredString } from '../../shared/params';

/** Webservice ids are `<module prefix>x<record number>`, e.g. 12x525. */
export const RECORD_ID = /^\d+x\d+$/;

/** Checks one record ID; the docs print IDs with a multiplication sign ("12×525"), which the API refuses. */
export function checkRecordId(ctx: IExecuteFunctions, value: string, itemIndex: number, label: string, example = '12x525'): string {
	return checkFormat(ctx, value.trim(), RECORD_ID, itemIndex, label, value.includes('×') ? `${example} (an ASCII "x", not the "×" the docs print)` : example);
}

/**
 * A required text parameter; an object, list or boolean mapped from the input is refused as a wrong value (the shared
 * requiredString would call it empty).
 */
export function textParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string, example: string): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw !== null && raw !== undefined && typeof raw !== 'string' && typeof raw !== 'number') {
		throw new NodeOperationError(ctx.getNode(), `The field "${label}" has an invalid value "${JSON.stringify(raw)}" in item ${itemIndex}`, {
			itemIndex,
			description: `Expected something like ${example}; map a single property of the input.`,
		});
	}
	return requiredString(ctx, name, itemIndex, label);
}

/** A record ID parameter, checked before any request is sent. */
export function recordIdParameter(ctx: IExecuteFunctions, itemIndex: number, name = 'recordId', label = 'Record ID', example = '12x525'): string {
	return checkRecordId(ctx, textParameter(ctx, name, itemIndex, label, example), itemIndex, label, example);
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

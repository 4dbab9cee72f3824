import { NodeOperationError, jsonParse, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/** A required text parameter, trimmed; a clear error naming the field and the item when it is empty. */
export function requiredString(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number') {
		// an object, list or true/false mapped by an expression: the user gave something, of the wrong kind
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${label}" has an invalid value ${JSON.stringify(value)} in item ${itemIndex}`,
			{ itemIndex, description: `"${label}" takes text or a number, not ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}.` },
		);
	}
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(ctx.getNode(), `The field "${label}" is empty in item ${itemIndex}`, {
			itemIndex,
			description: `Enter a value for "${label}", or map one from the input with an expression.`,
		});
	}
	return text;
}

/** A value that must match a pattern (an ID format, a date), checked before any request is sent. */
export function checkFormat(
	ctx: IExecuteFunctions,
	value: string,
	pattern: RegExp,
	itemIndex: number,
	label: string,
	example: string,
): string {
	if (!pattern.test(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "${label}" has an invalid value "${value}" in item ${itemIndex}`,
			{ itemIndex, description: `Expected something like ${example}.` },
		);
	}
	return value;
}

/** A JSON parameter given as text or object; invalid JSON is an error naming the field and the item. */
export function jsonObject(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): IDataObject {
	const raw = ctx.getNodeParameter(name, itemIndex, {}) as unknown;
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
	if (typeof raw === 'string' && raw.trim() === '') return {};
	try {
		const parsed = jsonParse<unknown>(String(raw));
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch {
		// reported below with the field and item
	}
	throw new NodeOperationError(ctx.getNode(), `The field "${label}" is not a valid JSON object in item ${itemIndex}`, {
		itemIndex,
		description: 'Write a JSON object such as {"name": "value"}.',
	});
}

/** Key/value pairs from a fixedCollection ({ field: [{ name, value }] }) as a plain object. */
export function keyValuePairs(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const collection = ctx.getNodeParameter(name, itemIndex, {}) as { field?: Array<{ name: string; value: unknown }> };
	const result: IDataObject = {};
	for (const { name: key, value } of collection.field ?? []) {
		if (key) result[key] = value as IDataObject[string];
	}
	return result;
}

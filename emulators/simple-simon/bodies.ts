/*
 * Request bodies of creates and PUTs, checked as strictly as an ASP.NET model binder would: one zod schema per entity
 * type, built from the table in schemas.ts. Cross-row rules (foreign keys, immutables) are the emulator's job.
 */
import { z } from 'zod';

import type { EmulatorRequest } from '../shared/emulator';
import { ODataError, isGuid } from './odata';
import {
	ENTITY_TABLES,
	typeName,
	type Collection,
	type EntityTable,
	type FieldSpec,
	type Row,
} from './schemas';

const badRequest = (message: string) => new ODataError(400, 'BadRequest', message);

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** ISO 8601 date-time with an offset (or a bare date, read as midnight UTC) → canonical `…T…:…:….mmmZ`. */
export function canonicalDateTime(value: string): string | undefined {
	const m =
		/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/i.exec(
			value,
		);
	if (!m) return undefined;
	const probe = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	if (probe.getUTCMonth() !== Number(m[2]) - 1 || probe.getUTCDate() !== Number(m[3]))
		return undefined;
	if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59))
		return undefined;
	// A time without an offset is taken as UTC (the service runs in UTC).
	const text = m[4] === undefined ? `${value}T00:00:00Z` : m[7] ? value : `${value}Z`;
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export function isBase64(value: string): boolean {
	return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}

function fieldSchema(name: string, field: FieldSpec): z.ZodTypeAny {
	const requiredMessage = `The ${name} field is required.`;
	let schema: z.ZodTypeAny;
	switch (field.type) {
		case 'Edm.String': {
			let s = z.string({ required_error: requiredMessage });
			if (field.required) s = s.trim().min(1, requiredMessage);
			if (field.format === 'email') s = s.email('is not a valid e-mail address');
			if (field.format === 'country')
				s = s.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as NL');
			if (field.maxLength)
				s = s.max(field.maxLength, `must be at most ${field.maxLength} characters`);
			schema = field.values
				? s.refine((v) => field.values!.includes(v), `must be one of ${field.values.join(', ')}`)
				: s;
			break;
		}
		case 'Edm.Int32':
		case 'Edm.Double': {
			let n = z.number({ required_error: requiredMessage });
			if (field.type === 'Edm.Int32') n = n.int('must be a whole number');
			if (field.min !== undefined) n = n.min(field.min, `must be at least ${field.min}`);
			if (field.max !== undefined) n = n.max(field.max, `must be at most ${field.max}`);
			if (field.above !== undefined) n = n.gt(field.above, `must be greater than ${field.above}`);
			schema = n;
			break;
		}
		case 'Edm.Boolean':
			schema = z.boolean({ required_error: requiredMessage });
			break;
		case 'Edm.Guid':
			schema = z
				.string({ required_error: requiredMessage })
				.refine(isGuid, 'is not a valid Guid')
				.transform((v) => v.toLowerCase());
			break;
		case 'Edm.DateTimeOffset':
			schema = z
				.string({ required_error: requiredMessage })
				.refine(
					(v) => canonicalDateTime(v) !== undefined,
					'is not a valid Edm.DateTimeOffset (ISO 8601) value',
				)
				.transform((v) => canonicalDateTime(v)!);
			break;
		case 'Edm.Binary':
			schema = z
				.string({ required_error: requiredMessage })
				.refine(isBase64, 'is not a valid base64 (Edm.Binary) value')
				.refine(
					(v) =>
						Math.floor((v.length * 3) / 4) <= MAX_ATTACHMENT_BYTES + 2 &&
						Buffer.from(v, 'base64').length <= MAX_ATTACHMENT_BYTES,
					`must not exceed ${MAX_ATTACHMENT_BYTES} bytes`,
				);
			break;
	}
	return field.required ? schema : schema.nullable().optional();
}

const schemas = new Map<Collection, z.ZodTypeAny>();

function bodySchema(table: EntityTable): z.ZodTypeAny {
	let schema = schemas.get(table.collection);
	if (!schema) {
		const shape: Record<string, z.ZodTypeAny> = {};
		for (const [name, field] of Object.entries(table.fields)) {
			if (field.computed) continue;
			// Immutable properties may be left out of a PUT (the stored value stays); required is checked on create.
			shape[name] = field.immutable
				? fieldSchema(name, { ...field, required: false })
				: fieldSchema(name, field);
		}
		schema = z.object(shape).strict();
		schemas.set(table.collection, schema);
	}
	return schema;
}

function validationMessage(table: EntityTable, error: z.ZodError): string {
	const issue = error.issues[0];
	if (issue.code === 'unrecognized_keys') {
		return `The property '${issue.keys[0]}' does not exist on type '${typeName(table)}'. Make sure to only use property names that are defined by the type.`;
	}
	const property = String(issue.path[0] ?? '');
	const field = table.fields[property];
	if (issue.message.startsWith('The ')) return issue.message;
	if (issue.code === 'invalid_type') {
		if (field?.required && (issue.received === 'null' || issue.received === 'undefined'))
			return `The ${property} field is required.`;
		return `Cannot convert a value of type '${issue.received}' to the expected type '${field?.type ?? 'Edm.String'}' of property '${property}'.`;
	}
	return `The value of property '${property}' ${issue.message}.`;
}

/** The JSON body of a create or a PUT, validated; returns the entity's own properties (annotations dropped). */
export function readBody(
	req: EmulatorRequest,
	collection: Collection,
	mode: 'create' | 'update',
	id?: string,
): Row {
	const table = ENTITY_TABLES[collection];
	const type = req.contentType.split(';')[0].trim().toLowerCase();
	if (type !== 'application/json') {
		throw new ODataError(
			415,
			'UnsupportedMediaType',
			`The request entity's media type '${type || '(none)'}' is not supported for this resource. Send application/json.`,
		);
	}
	if (req.bodyError !== undefined || req.body === undefined) {
		throw badRequest(
			`The request body is not valid JSON${req.bodyError ? `: ${req.bodyError}` : ''}.`,
		);
	}
	if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
		throw badRequest(`The request body must be a JSON object of type '${typeName(table)}'.`);
	}
	const fields: Row = {};
	for (const [key, value] of Object.entries(req.body as Row)) {
		// Instance annotations are ignored; server-made values (dates, Size) may be echoed back but never set.
		if (
			key.startsWith('@') ||
			key.includes('@odata.') ||
			key === 'CreatedOn' ||
			key === 'ModifiedOn'
		)
			continue;
		if (table.fields[key]?.computed) continue;
		fields[key] = value;
	}
	if ('Id' in fields) {
		if (mode === 'create') {
			throw badRequest("The property 'Id' is generated by the server and cannot be set on create.");
		}
		if (typeof fields.Id !== 'string' || fields.Id.toLowerCase() !== id) {
			throw badRequest(`The key in the request body does not match the key '${id}' in the URL.`);
		}
		delete fields.Id;
	}
	const parsed = bodySchema(table).safeParse(fields);
	if (!parsed.success) throw badRequest(validationMessage(table, parsed.error));
	const values = parsed.data as Row;
	if (mode === 'create') {
		for (const [name, field] of Object.entries(table.fields)) {
			if (field.immutable && field.required && values[name] == null)
				throw badRequest(`The ${name} field is required.`);
		}
	}
	return values;
}

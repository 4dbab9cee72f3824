import {
	NodeApiError,
	NodeOperationError,
	jsonParse,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import type { Operation } from '../../shared/execute';
import { requiredString } from '../../shared/params';
import { ENTITIES, type EntityKey, type EntitySpec } from '../entities';
import { entityPath, entityPathOption, recordPath } from '../paths';
import { simpleSimonDownload, simpleSimonRequest, withoutAnnotations } from '../transport';

/*
 * Files: attachment upload/download and the PDF ("digital presentation") of work orders and surveys. The public
 * page documents none of it; the pack assumes what OData APIs on ASP.NET usually do (an Edm.Binary `Content`
 * property carried as base64 inside the JSON), and every name that guess depends on is an option the user can change.
 */

/** GUIDs, numbers or simple tokens: anything that is safe as one path segment or one OData key. */
const RECORD_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DEFAULT_CONTENT_FIELD = 'Content';
/** Other names the file content goes by in .NET APIs; read when the configured one is absent so a guess still works. */
const CONTENT_FIELDS = ['Content', 'content', 'Data', 'FileContent', 'Base64Content'];
const PDF_MAGIC = '%PDF';
const DEFAULT_PDF_PATH = '{entityPath}/{id}/pdf';

type ParentKey = 'workOrder' | 'location' | 'customer';
const PARENTS: ParentKey[] = ['workOrder', 'location', 'customer'];

/** The parameter holding the parent's ID for each "Attach To" choice. */
const parentIdParameter = (parent: ParentKey) =>
	`parent${parent[0].toUpperCase()}${parent.slice(1)}Id`;

/** The property linking an attachment to its parent, from the entity model (WorkOrderId, LocationId, CustomerId). */
const defaultLinkField = (parent: ParentKey): string =>
	ENTITIES.attachment.links.find((link) => link.parent === parent)?.field ??
	`${ENTITIES[parent].docName}Id`;

function operationError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${message} in item ${itemIndex}`, {
		itemIndex,
		description,
	});
}

function replyError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description,
		itemIndex,
	});
	// NodeApiError may swap some messages for generic text; the specific one is what the user needs
	error.message = message;
	return error;
}

/** A record ID from a text field: `{…}` braces (as GUIDs are often copied) stripped, format checked before sending. */
function recordId(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	// an object or list mapped from the input is a wrong value, not an empty one (requiredString would say empty)
	if (raw !== null && typeof raw === 'object') {
		throw operationError(
			ctx,
			itemIndex,
			`The field "${label}" has an invalid value "${JSON.stringify(raw)}"`,
			'Expected an ID such as 0f8fad5b-d9cb-469f-a165-70867728950e or 1234; map a single property of the input.',
		);
	}
	const id = requiredString(ctx, name, itemIndex, label)
		.replace(/^\{(.*)\}$/, '$1')
		.trim();
	if (!RECORD_ID.test(id)) {
		throw operationError(
			ctx,
			itemIndex,
			`The field "${label}" has an invalid value "${id}"`,
			'Expected an ID such as 0f8fad5b-d9cb-469f-a165-70867728950e or 1234.',
		);
	}
	return id;
}

/** A property name option (Content Field, Link Field): empty means the default. */
function propertyOption(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	fallback: string,
	itemIndex: number,
): string {
	const name = String(value ?? '').trim();
	if (name === '') return fallback;
	if (!PROPERTY_NAME.test(name)) {
		throw operationError(
			ctx,
			itemIndex,
			`The field "${label}" has an invalid property name "${name}"`,
			`Give a property name as in the API documentation: letters, digits and underscores, e.g. ${fallback}.`,
		);
	}
	return name;
}

function binaryField(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number) {
	const field = String(ctx.getNodeParameter(name, itemIndex, 'data') ?? '').trim();
	if (field === '') {
		throw operationError(
			ctx,
			itemIndex,
			`The field "${label}" is empty`,
			'Enter the name of a binary field, e.g. data.',
		);
	}
	return field;
}

/** The entity without its file content, so no large base64 travels on in the items. */
function withoutContent(entity: unknown, contentField: string): IDataObject {
	const out = withoutAnnotations(entity);
	for (const field of [contentField, ...CONTENT_FIELDS]) delete out[field];
	return out;
}

/** A file name that is safe to save: no folders, no characters file systems refuse. */
function safeFileName(name: string): string {
	const base = name.replace(/^.*[\\/]/, '').replace(/[<>:"|?*]/g, '_');
	return Array.from(base, (char) => (char.charCodeAt(0) < 32 ? '_' : char))
		.join('')
		.trim();
}

/**
 * Bytes from a base64 text, or undefined when it is not base64. Tolerates line breaks, the URL-safe alphabet and a
 * `data:…;base64,` prefix; Buffer.from alone would silently drop invalid characters and hand back garbage.
 */
export function decodeBase64(text: string): Buffer | undefined {
	const clean = text
		.replace(/^data:[^,]*;base64,/i, '')
		.replace(/\s+/g, '')
		.replace(/-/g, '+')
		.replace(/_/g, '/');
	if (clean === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 === 1)
		return undefined;
	return Buffer.from(clean, 'base64');
}

/** The file content of an entity: the configured property first, then the usual other names. */
function contentOf(
	entity: IDataObject,
	contentField: string,
): { field: string; value: unknown } | undefined {
	for (const field of [contentField, ...CONTENT_FIELDS]) {
		const value = entity[field];
		if (value !== undefined && value !== null && value !== '') return { field, value };
	}
	return undefined;
}

function firstText(entity: IDataObject, names: string[]): string | undefined {
	for (const name of names) {
		const value = entity[name];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}

const outputFieldProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

const contentFieldOption: INodeProperties = {
	displayName: 'Content Field',
	name: 'contentField',
	type: 'string',
	default: DEFAULT_CONTENT_FIELD,
	description:
		'The attachment property that carries the file as base64. Change it only if your API documentation names it differently.',
};

// ---------------------------------------------------------------------------------------------------- Upload

const upload: Operation = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload an attachment',
	description: 'Attach a file from a binary field to a work order, location or customer',
	endpoints: ['createAttachment'],
	properties: [
		{
			displayName: 'Attach To',
			description: 'The kind of record the file is attached to',
			name: 'attachTo',
			type: 'options',
			options: PARENTS.map((parent) => ({
				name: ENTITIES[parent].name,
				value: parent,
				description: `Attach the file to a ${ENTITIES[parent].name.toLowerCase()}`,
			})),
			default: 'workOrder',
		},
		...PARENTS.map(
			(parent): INodeProperties => ({
				displayName: `${ENTITIES[parent].name} ID`,
				name: parentIdParameter(parent),
				type: 'string',
				default: '',
				required: true,
				placeholder: '0f8fad5b-d9cb-469f-a165-70867728950e',
				description: `The ID of the ${ENTITIES[parent].name.toLowerCase()} to attach the file to`,
				displayOptions: { show: { attachTo: [parent] } },
			}),
		),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to upload',
		},
		{
			displayName: 'Options',
			description: 'Optional details of the uploaded file',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'A text shown with the attachment',
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'photo.jpg',
					description: "The attachment's file name. Leave empty to use the name of the input file.",
				},
				contentFieldOption,
				{
					displayName: 'Link Field',
					name: 'linkField',
					type: 'string',
					default: '',
					placeholder: 'WorkOrderId',
					description:
						'The attachment property that holds the parent\'s ID. Leave empty for WorkOrderId, LocationId or CustomerId (by "Attach To").',
				},
				entityPathOption(ENTITIES.attachment),
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const attachTo = this.getNodeParameter('attachTo', itemIndex, 'workOrder') as ParentKey;
		if (!PARENTS.includes(attachTo)) {
			throw operationError(
				this,
				itemIndex,
				`The field "Attach To" has an invalid value "${String(attachTo)}"`,
				'Choose Work Order, Location or Customer.',
			);
		}
		const parentId = recordId(
			this,
			parentIdParameter(attachTo),
			`${ENTITIES[attachTo].name} ID`,
			itemIndex,
		);
		const property = binaryField(this, 'binaryPropertyName', 'Input Binary Field', itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const contentField = propertyOption(
			this,
			options.contentField,
			'Content Field',
			DEFAULT_CONTENT_FIELD,
			itemIndex,
		);
		const linkField = propertyOption(
			this,
			options.linkField,
			'Link Field',
			defaultLinkField(attachTo),
			itemIndex,
		);
		const path = entityPath(this, ENTITIES.attachment, itemIndex);

		if (!this.getInputData()[itemIndex]?.binary?.[property]) {
			throw operationError(
				this,
				itemIndex,
				`The field "Input Binary Field" points to "${property}", which is missing`,
				'Pass a file into this node (e.g. from "Read/Write Files from Disk" or an HTTP Request) and enter the name of its binary field.',
			);
		}
		const binary = this.helpers.assertBinaryData(itemIndex, property);
		// reads the file wherever n8n keeps it (memory or the filesystem binary mode)
		const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		if (bytes.length === 0) {
			throw operationError(
				this,
				itemIndex,
				`The file in "Input Binary Field" ("${property}") is empty`,
				'Simple-Simon needs a file with content; check the node that produced it.',
			);
		}
		const fileName = safeFileName(String(options.fileName ?? '').trim() || binary.fileName || '');
		if (fileName === '') {
			throw operationError(
				this,
				itemIndex,
				'The file has no name',
				'Set "File Name" under Options, e.g. report.pdf.',
			);
		}
		const contentType = binary.mimeType || 'application/octet-stream';
		const description = String(options.description ?? '').trim();

		const body: IDataObject = { FileName: fileName, ContentType: contentType };
		if (description !== '') body.Description = description;
		body[contentField] = bytes.toString('base64');
		// digits are sent as a number (an Int32 key); GUIDs and other IDs as text
		body[linkField] = /^\d{1,15}$/.test(parentId) ? Number(parentId) : parentId;

		const created = await simpleSimonRequest(this, {
			method: 'POST',
			path,
			body,
			headers: { Prefer: 'return=representation' },
			idempotent: false,
			itemIndex,
		});
		if (created === undefined || typeof created !== 'object' || Array.isArray(created)) {
			// a 204 (no representation): report what was sent, without the content
			return { ...withoutContent(body, contentField), Size: bytes.length };
		}
		return withoutContent(created, contentField);
	},
};

// ---------------------------------------------------------------------------------------------------- Download

const download: Operation = {
	value: 'download',
	name: 'Download',
	action: 'Download an attachment',
	description: 'Get the file of an attachment into a binary field',
	endpoints: ['getAttachment'],
	properties: [
		{
			displayName: 'Attachment ID',
			name: 'attachmentId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '0f8fad5b-d9cb-469f-a165-70867728950e',
			description: 'The ID of the attachment to download',
		},
		outputFieldProperty,
		{
			displayName: 'Options',
			description: 'Optional settings for this operation',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [contentFieldOption, entityPathOption(ENTITIES.attachment)],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const id = recordId(this, 'attachmentId', 'Attachment ID', itemIndex);
		const property = binaryField(this, 'binaryPropertyName', 'Put Output File in Field', itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const contentField = propertyOption(
			this,
			options.contentField,
			'Content Field',
			DEFAULT_CONTENT_FIELD,
			itemIndex,
		);
		const path = recordPath(entityPath(this, ENTITIES.attachment, itemIndex), id);

		const reply = await simpleSimonRequest(this, {
			method: 'GET',
			path,
			idempotent: true,
			itemIndex,
		});
		const attachment = withoutAnnotations(reply);
		const content = contentOf(attachment, contentField);
		if (!content) {
			throw replyError(
				this,
				itemIndex,
				`Simple-Simon sent attachment ${id} without its file content`,
				`The reply has no "${contentField}" property. If your API documentation names the file content differently, set it under Options → Content Field.`,
			);
		}
		const bytes = typeof content.value === 'string' ? decodeBase64(content.value) : undefined;
		if (!bytes) {
			throw replyError(
				this,
				itemIndex,
				`The content of attachment ${id} is not valid base64`,
				`The property "${content.field}" should carry the file as base64 text. Check Options → Content Field.`,
			);
		}
		const fileName =
			safeFileName(firstText(attachment, ['FileName', 'fileName', 'Name', 'name']) ?? '') ||
			`attachment-${id}`;
		const mimeType = firstText(attachment, ['ContentType', 'contentType', 'MimeType', 'mimeType']);
		const file: IBinaryData = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
		return [
			{
				json: withoutContent(attachment, contentField),
				binary: { [property]: file },
			},
		];
	},
};

// ---------------------------------------------------------------------------------------------------- PDFs

/** A path template as the user wrote it, with `{entityPath}` and `{id}` filled in; only a path on the API. */
function pdfRequest(
	ctx: IExecuteFunctions,
	spec: EntitySpec,
	id: string,
	itemIndex: number,
): { path: string; qs: IDataObject } {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const template = String(options.pdfPath ?? '').trim() || DEFAULT_PDF_PATH;
	const invalid = (why: string) =>
		operationError(
			ctx,
			itemIndex,
			`The field "PDF Path" has an invalid value "${template}"`,
			`${why} For example ${DEFAULT_PDF_PATH} or /workorders/{id}/presentation.`,
		);
	if (!template.includes('{id}')) throw invalid('It must contain {id}, where the record ID goes.');
	const [pathPart, query = ''] = template.split('?', 2);
	const filled = pathPart
		.replace(/\{entityPath\}/g, entityPath(ctx, spec, itemIndex))
		.replace(/\{id\}/g, encodeURIComponent(id));
	const path = `/${filled.replace(/^\/+/, '')}`;
	// a path segment only: no host, so the token never goes anywhere but the API
	if (
		!/^(\/[A-Za-z0-9_.~%()'=,-]+)+\/?$/.test(path) ||
		path.split('/').some((part) => part === '..' || part === '.')
	) {
		throw invalid(
			'It must be a path on the API (letters, digits, dashes, slashes), without a host.',
		);
	}
	const qs: IDataObject = {};
	for (const [key, value] of new URLSearchParams(query)) {
		qs[key] = value.replace(/\{id\}/g, id);
	}
	return { path, qs };
}

/** The PDF bytes of a reply: the body itself, or base64 inside a JSON reply (then with its file name, if any). */
function pdfOf(
	data: Buffer,
	contentType: string | undefined,
): { bytes?: Buffer; fileName?: string } {
	if (data.subarray(0, 4).toString('latin1') === PDF_MAGIC) return { bytes: data };
	const text = data.toString('utf8').trim();
	if (!/json/i.test(contentType ?? '') && !/^[{"]/.test(text)) return {};
	let parsed: unknown;
	try {
		parsed = jsonParse<unknown>(text);
	} catch {
		return {};
	}
	let base64: unknown = parsed;
	let fileName: string | undefined;
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
		const entity = parsed as IDataObject;
		base64 = contentOf(entity, DEFAULT_CONTENT_FIELD)?.value;
		const number = firstText(entity, ['Number', 'Name']);
		fileName =
			firstText(entity, ['FileName', 'fileName']) ?? (number ? `${number}.pdf` : undefined);
	}
	const bytes = typeof base64 === 'string' ? decodeBase64(base64) : undefined;
	return bytes && bytes.subarray(0, 4).toString('latin1') === PDF_MAGIC ? { bytes, fileName } : {};
}

function downloadPdf(spec: EntitySpec, endpoint: string): Operation {
	const idName = `${spec.resource}Id`;
	const idLabel = `${spec.name} ID`;
	const noun = spec.name.toLowerCase();
	return {
		value: 'downloadPdf',
		name: 'Download PDF',
		action: `Download the PDF of a ${noun}`,
		description: `Get the ${noun} as a PDF document (its digital presentation) into a binary field`,
		endpoints: [endpoint],
		properties: [
			{
				displayName: idLabel,
				name: idName,
				type: 'string',
				default: '',
				required: true,
				placeholder: '0f8fad5b-d9cb-469f-a165-70867728950e',
				description: `The ID of the ${noun}`,
			},
			outputFieldProperty,
			{
				displayName: 'Options',
				description: 'Optional settings for the PDF download',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'PDF Path',
						name: 'pdfPath',
						type: 'string',
						default: DEFAULT_PDF_PATH,
						description:
							'Where the PDF is fetched, relative to the API URL and Base Path. The route is not in the public documentation, so change it if yours differs.',
						hint: `{entityPath} becomes the ${spec.plural} path (${spec.path}), {id} the record's ID`,
					},
					entityPathOption(spec),
				],
			},
		],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const id = recordId(this, idName, idLabel, itemIndex);
			const property = binaryField(
				this,
				'binaryPropertyName',
				'Put Output File in Field',
				itemIndex,
			);
			const { path, qs } = pdfRequest(this, spec, id, itemIndex);
			const reply = await simpleSimonDownload(this, {
				method: 'GET',
				path,
				qs,
				headers: { Accept: 'application/pdf, application/json;q=0.5' },
				idempotent: true,
				itemIndex,
			});
			const pdf = pdfOf(reply.data, reply.contentType);
			if (!pdf.bytes) {
				throw replyError(
					this,
					itemIndex,
					`Simple-Simon did not send a PDF for ${noun} ${id}`,
					`${path} answered ${reply.contentType ?? 'without a content type'} (${reply.data.length} bytes) that is not a PDF. If your API serves the PDF elsewhere, set Options → PDF Path.`,
				);
			}
			const fileName =
				safeFileName(reply.fileName ?? pdf.fileName ?? '') ||
				`${safeFileName(id) || 'document'}.pdf`;
			const file = await this.helpers.prepareBinaryData(pdf.bytes, fileName, 'application/pdf');
			return [
				{
					json: {
						id,
						fileName,
						mimeType: 'application/pdf',
						fileSize: pdf.bytes.length,
					},
					binary: { [property]: file },
				},
			];
		},
	};
}

export const fileOperations: Partial<Record<EntityKey, Operation[]>> = {
	attachment: [upload, download],
	workOrder: [downloadPdf(ENTITIES.workOrder, 'downloadWorkOrderPdf')],
	workOrderSurvey: [downloadPdf(ENTITIES.workOrderSurvey, 'downloadWorkOrderSurveyPdf')],
};

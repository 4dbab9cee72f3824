import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { backoffMs, networkCodeOf } from '../../shared/transport';
import { endpointKey, synergistOperation, type SynergistCallParts, type SynergistEndpoint } from '../endpoint';
import { fieldOf, rowsOf, synergistDownload, synergistSettings } from '../transport';

/*
 * attachments.json: documents on activities. Create sends the file as base64 inside `input` — in the query string,
 * since every Synergist call is a GET — or, on servers storing files in Amazon S3, PUTs the bytes to the pre-signed
 * `attachmentS3UrlPut` the create answers. Download is notesattachments.json `attachmentview` (base64 in JSON).
 */

/**
 * Default largest file sent as base64. The reference names no limit, but the base64 (a third larger, then
 * URL-encoded) travels in the request URL, which web servers and proxies cap; bigger files belong on S3.
 */
export const DEFAULT_MAX_BASE64_MB = 2;
const S3_ATTEMPTS = 3;

const attachmentId = (key: string, target?: 'query' | 'input') => ({
	key,
	parameter: 'attachmentId',
	displayName: 'Attachment ID',
	type: 'id' as const,
	target,
	description: 'The attachment ID (attachmentID)',
});

const getAll: SynergistEndpoint = {
	area: 'attachments',
	value: 'getAll',
	name: 'Get Many',
	sentence: 'Get many attachments',
	description: 'List the documents attached to activities',
	idempotent: true,
	modelstructure: 'attachmentslist',
	noun: 'attachment',
	list: { pageSize: 50, key: (row) => fieldOf(row, 'attachmentUuid') ?? fieldOf(row, 'attachmentID') },
	filters: [
		{ key: 'client', displayName: 'Client Code', description: 'Only attachments of this client, e.g. 1/F667', type: 'code', placeholder: '1/F667' },
		{ key: 'job', displayName: 'Job Number', description: 'Only attachments of this job, e.g. 1/00000510', type: 'code', format: 'job', placeholder: '1/00000510' },
		{ key: 'jobphase', parameter: 'jobPhase', displayName: 'Phase', description: 'Only attachments of this phase, e.g. 1/00001173.001', type: 'code', format: 'phase', placeholder: '1/00001173.001' },
		{ key: 'search', displayName: 'Search', description: 'Only attachments whose name or description contains this text', type: 'string' },
		{ key: 'timestampfrom', parameter: 'modifiedFrom', displayName: 'Modified From (Epoch Seconds)', type: 'id', description: 'Only attachments changed at or after this Unix time' },
		{ key: 'timestampto', parameter: 'modifiedTo', displayName: 'Modified To (Epoch Seconds)', type: 'id', description: 'Only attachments changed at or before this Unix time' },
		{ key: 'uuid', displayName: 'UUID', description: 'Only the attachment with this 32-character unique ID', type: 'string', pattern: { regex: /^[0-9A-Fa-f]{32}$/, expected: 'a 32-character hexadecimal UUID' } },
	],
};

const get: SynergistEndpoint = {
	area: 'attachments',
	value: 'get',
	name: 'Get',
	sentence: 'Get an attachment',
	description: "Get one attachment's details (not its content: use Download)",
	idempotent: true,
	modelstructure: 'attachmentdetails',
	noun: 'attachment',
	required: [attachmentId('attachmentid')],
	single: ({ params }) => ({ message: `Attachment ${String(params.attachmentid)} was not found`, description: 'Synergist returned no attachment for this ID.' }),
};

const update: SynergistEndpoint = {
	area: 'attachments',
	action: 'update',
	value: 'update',
	name: 'Rename',
	sentence: 'Rename an attachment',
	description: "Change an attachment's description (the name shown in Synergist)",
	idempotent: true,
	input: {},
	noun: 'attachment',
	required: [attachmentId('attachmentID'), { key: 'attachmentDescription', parameter: 'description', displayName: 'Description', description: 'The new name of the attachment, as shown in Synergist', type: 'string', placeholder: 'my doc name.pdf' }],
};

const remove: SynergistEndpoint = {
	area: 'attachments',
	action: 'delete',
	value: 'delete',
	name: 'Delete',
	sentence: 'Delete an attachment',
	description: 'Delete an attachment',
	idempotent: true,
	input: {},
	noun: 'attachment',
	required: [attachmentId('attachmentID')],
};

type UploadMethod = 'base64' | 's3';

/** The file of an item, read in `build` and handed to `output` (for the S3 PUT). */
const filesOfCalls = new WeakMap<SynergistCallParts, { bytes: Buffer; method: UploadMethod; fileName: string }>();

const createEndpoint: SynergistEndpoint = {
	area: 'attachments',
	action: 'create',
	value: 'create',
	name: 'Upload',
	sentence: 'Upload an attachment',
	description: 'Attach a file from a binary field to an activity',
	idempotent: false,
	input: {},
	noun: 'attachment',
	required: [
		{ key: 'attachmentActivityID', parameter: 'activityId', displayName: 'Activity ID', type: 'id', asString: true, description: 'The activity to attach the file to' },
	],
	additional: [
		{ key: 'attachmentDescription', parameter: 'description', displayName: 'Description', type: 'string', description: 'Name shown in Synergist; defaults to the file name' },
		{ key: 'attachmentOriginalFilename', parameter: 'fileName', displayName: 'File Name', type: 'string', description: "Defaults to the binary file's name" },
	],
	async build(ctx, itemIndex, parts) {
		const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
		if (property === '') throw new NodeOperationError(ctx.getNode(), `The field "Input Binary Field" is empty in item ${itemIndex}`, { itemIndex });
		const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
		if (!binary) {
			throw new NodeOperationError(ctx.getNode(), `The field "Input Binary Field" points to "${property}", which is missing in item ${itemIndex}`, {
				itemIndex,
				description: 'Pass a file into this node (for example from "Read/Write Files from Disk" or an HTTP Request) and enter the name of its binary field.',
			});
		}
		const options = ctx.getNodeParameter('options', itemIndex, {}) as { uploadMethod?: UploadMethod; maxFileSizeMb?: number };
		const method = options.uploadMethod ?? 'base64';
		const fileName = String(parts.input.attachmentOriginalFilename ?? binary.fileName ?? '').trim();
		if (fileName === '' || /[\\/:*?"<>|]/.test(fileName)) {
			throw new NodeOperationError(ctx.getNode(), `The file name "${fileName}" cannot be used in item ${itemIndex}`, {
				itemIndex,
				description: 'Set "File Name" under Additional Fields: a name without \\ / : * ? " < > |, e.g. report.pdf.',
			});
		}
		const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		const limitMb = Number(options.maxFileSizeMb ?? DEFAULT_MAX_BASE64_MB);
		if (method === 'base64' && Number.isFinite(limitMb) && limitMb > 0 && bytes.length > limitMb * 1024 * 1024) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The file "${fileName}" is ${(bytes.length / 1024 / 1024).toFixed(2)} MB, more than the ${limitMb} MB allowed for base64 uploads, in "Input Binary Field" ("${property}") of item ${itemIndex}`,
				{
					itemIndex,
					description:
						'Synergist takes base64 files inside the request URL, which servers cap. Use "Upload Method: Amazon S3 Pre-Signed Upload" if your Synergist stores files on S3, or raise "Max Base64 File Size (MB)" if your server accepts longer URLs.',
				},
			);
		}
		parts.input.attachmentOriginalFilename = fileName;
		// the example's key (the parameter table says attachmentBase64); S3 systems take the file by PUT instead
		if (method === 'base64') parts.input.variable_AttachmentBase64 = bytes.toString('base64');
		filesOfCalls.set(parts, { bytes, method, fileName });
		return parts;
	},
	async output(reply, ctx, itemIndex, parts) {
		const file = filesOfCalls.get(parts);
		const rows = rowsOf(reply);
		const row = rows[0] ?? {};
		const putUrl = fieldOf(row, 'attachmentS3UrlPut');
		const hasPutUrl = typeof putUrl === 'string' && /^https?:\/\//i.test(putUrl);
		if (file?.method === 's3' && !hasPutUrl) {
			throw new NodeApiError(ctx.getNode(), { message: 'No S3 upload link' } as JsonObject, {
				message: `Synergist created attachment ${String(fieldOf(row, 'attachmentID') ?? '')} but sent no S3 upload link`,
				description:
					'This Synergist server does not store files on Amazon S3. Delete the empty attachment and upload again with "Upload Method: Base64 in the Request".',
				itemIndex,
			});
		}
		let uploadedToS3 = false;
		if (file && hasPutUrl) {
			// an S3 server answers a pre-signed link even when base64 was sent: the bytes go there as well
			await putToS3(ctx, itemIndex, putUrl, file.bytes);
			uploadedToS3 = true;
		}
		const warning = typeof reply.warningmessage === 'string' ? reply.warningmessage.trim() : '';
		return rows.map((created) => {
			// a pre-signed link is a key to the file for 24 hours: not handed on to later nodes
			const { attachmentS3UrlPut: _put, ...rest } = created as IDataObject;
			void _put;
			return {
				...rest,
				attachmentOriginalFilename: file?.fileName,
				fileSize: file?.bytes.length,
				uploadedToS3,
				...(warning === '' ? {} : { warningMessage: warning }),
			};
		});
	},
};

/** PUTs the bytes to a pre-signed S3 link (safe to repeat: the same bytes to the same object). */
async function putToS3(ctx: IExecuteFunctions, itemIndex: number, url: string, bytes: Buffer): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		let failure: string | undefined;
		try {
			response = (await ctx.helpers.httpRequest({
				method: 'PUT',
				url,
				body: bytes,
				encoding: 'arraybuffer',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 120_000,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			failure = networkCodeOf(error) ?? 'the storage did not answer';
		}
		const status = response?.statusCode ?? 0;
		if ((failure !== undefined || status === 429 || status >= 500) && attempt + 1 < S3_ATTEMPTS) {
			await sleep(backoffMs(attempt));
			continue;
		}
		if (failure === undefined && status < 300) return;
		const code = /<Code>([^<]+)<\/Code>/.exec(Buffer.isBuffer(response?.body) ? response.body.toString('utf8') : String(response?.body ?? ''))?.[1];
		// never the URL: its signature is a key to the file
		const reason = failure ?? `HTTP ${status}${code ? ` ${code}` : ''}`;
		throw new NodeApiError(ctx.getNode(), { message: reason } as JsonObject, {
			message: `Uploading the file to Synergist's S3 storage failed: ${reason}`,
			description: 'The attachment record was created but has no content yet. Delete it and upload again (pre-signed links expire after 24 hours).',
			httpCode: status ? String(status) : undefined,
			itemIndex,
		});
	}
}

const createBase = synergistOperation(createEndpoint);
const create: Operation = {
	...createBase,
	properties: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the file to upload',
		},
		...createBase.properties,
		{
			displayName: 'Options',
			description: 'Optional settings for the upload',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Max Base64 File Size (MB)',
					name: 'maxFileSizeMb',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: DEFAULT_MAX_BASE64_MB,
					description:
						'Larger files are refused before anything is sent, since base64 travels in the request URL; 0 for no limit. Does not apply to S3 uploads.',
				},
				{
					displayName: 'Upload Method',
					description: 'How the file reaches Synergist: as base64 in the request, or through the Amazon S3 upload link the server offers',
					name: 'uploadMethod',
					type: 'options',
					default: 'base64',
					options: [
						{
							name: 'Amazon S3 Pre-Signed Upload',
							value: 's3',
							description: 'For Synergist servers storing files on S3: no base64 is sent, the file is PUT to the link Synergist answers',
						},
						{
							name: 'Base64 in the Request',
							value: 'base64',
							description: 'Send the file as base64 (and PUT it to S3 too if the server answers an upload link)',
						},
					],
				},
			],
		},
	],
};

const download: Operation = {
	value: 'download',
	name: 'Download',
	action: 'Download an attachment',
	description: "Download an attachment's file into a binary field",
	endpoints: [endpointKey({ area: 'notesattachments', action: 'attachmentview' })],
	properties: [
		{ displayName: 'Attachment ID', name: 'attachmentId', type: 'number', default: 0, required: true, description: 'The attachment ID (attachmentID)' },
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const raw = this.getNodeParameter('attachmentId', itemIndex, 0) as unknown;
		const id = Number(raw);
		if (!Number.isInteger(id) || id <= 0) {
			throw new NodeOperationError(this.getNode(), `The field "Attachment ID" has an invalid value "${String(raw)}" in item ${itemIndex}`, {
				itemIndex,
				description: 'Expected a whole number above 0.',
			});
		}
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
		if (property === '') throw new NodeOperationError(this.getNode(), `The field "Put Output File in Field" is empty in item ${itemIndex}`, { itemIndex });
		const { company } = await synergistSettings(this, itemIndex);
		const file = await synergistDownload(this, {
			area: 'notesattachments',
			action: 'attachmentview',
			params: { company, attachment: id },
			idempotent: true,
			itemIndex,
			fileName: `attachment-${id}`,
		});
		const fileName = file.fileName ?? `attachment-${id}`;
		const binary = await this.helpers.prepareBinaryData(file.data, fileName, file.mimeType);
		return [{ json: { attachmentID: id, fileName, mimeType: binary.mimeType, fileSize: file.data.length }, binary: { [property]: binary } }];
	},
};

export const attachment: Resource = {
	value: 'attachment',
	name: 'Attachment',
	description: 'Documents attached to activities',
	operations: [synergistOperation(getAll), synergistOperation(get), download, create, synergistOperation(update), synergistOperation(remove)],
};


import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { backoffMs, networkCodeOf } from '../../shared/transport';
import { extensionOf, inputBinaryField, outputProperty, readInputFile } from '../binary';
import { salonOperation, type SalonEndpoint, type SalonParam } from '../endpoint';
import { salonId } from '../fields';
import { salonRequest } from '../transport';

/*
 * Files kept on a client's record (consent forms, before/after photos). Uploading is two steps: `client_file/add`
 * creates the record and answers a signed `upload_url` (Google Cloud Storage, valid about an hour), then the raw bytes
 * are PUT there with the file's Content-Type — not an API call, so without the login token. Get and list answer
 * signed download links (`storage_filename`, `storage_thumbnailfilename`) that "expire after a short amount of time",
 * so the node downloads right away when asked to.
 */

const STORAGE_TIMEOUT_MS = 120_000;
const STORAGE_ATTEMPTS = 3;

const clientFileIdParam = (path: string): SalonParam => ({
	displayName: 'Client File ID',
	path,
	name: 'clientFileId',
	type: 'id',
	default: '',
	placeholder: '2736',
	description: 'The ID of the file on the client record',
});

/** Roles that can see a file (role IDs: -1 Administrator, -3 Manager, -2 Staff). */
const minimumRole: SalonParam = {
	path: 'client_file.minimum_role_id',
	displayName: 'Minimum Role',
	type: 'options',
	default: '-2',
	description: 'The lowest staff role that can see the file',
	options: [
		{ name: 'Administrator', value: '-1' },
		{ name: 'Manager', value: '-3' },
		{ name: 'Staff', value: '-2' },
	],
};

const displayFilename: SalonParam = {
	path: 'client_file.display_filename',
	displayName: 'File Name',
	type: 'string',
	placeholder: 'before.jpg',
	description: "The name shown in Simple Salon. It must end in the file's extension (e.g. .jpg); only .jpg, .gif and .png files get thumbnails.",
};

/** The options values are strings in n8n; the API wants the role ID as a number. */
function roleAsNumber(body: IDataObject): IDataObject {
	const file = body.client_file as IDataObject | undefined;
	if (file?.minimum_role_id !== undefined) file.minimum_role_id = Number(file.minimum_role_id);
	return body;
}

/** The client file of a reply: the table names the key `client`, the example `client_file`; both are read. */
function fileOf(reply: IDataObject): IDataObject {
	const file = (reply.client_file ?? reply.client) as IDataObject | undefined;
	return file && typeof file === 'object' ? file : {};
}

const withWarnings = (json: IDataObject, reply: IDataObject): IDataObject =>
	Array.isArray(reply.warnings) && reply.warnings.length > 0 ? { ...json, warnings: reply.warnings } : json;

const isSignedUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\//i.test(value);

/** The storage host's own error text (GCS answers XML `<Error><Code>…</Code><Message>…</Message>`). */
function storageProblem(response: IN8nHttpFullResponse): string {
	const raw = response.body as unknown;
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : JSON.stringify(raw ?? '');
	const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
	const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
	return [code, message].filter(Boolean).join(': ') || `HTTP ${response.statusCode}`;
}

/**
 * One request to the file storage host (a signed URL, so no credential). Both directions are safe to repeat (the same
 * bytes to the same object, or a read), so dropped connections and 5xx/429 answers are tried again a few times.
 */
async function storageRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: { method: 'GET' | 'PUT'; url: string; body?: Buffer; contentType?: string },
	what: string,
	hint: string,
): Promise<IN8nHttpFullResponse> {
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequest({
				method: request.method,
				url: request.url,
				body: request.body,
				headers: request.contentType ? { 'Content-Type': request.contentType } : undefined,
				encoding: 'arraybuffer',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: STORAGE_TIMEOUT_MS,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			if (networkCodeOf(error) !== undefined && attempt + 1 < STORAGE_ATTEMPTS) {
				await sleep(backoffMs(attempt));
				continue;
			}
			// a signed URL is a key to the file while it lasts: its signature never goes into an error
			const reason = String((error as Error).message ?? error).replace(/X-Goog-Signature=[^&\s"']+/g, 'X-Goog-Signature=…');
			throw new NodeApiError(ctx.getNode(), { message: reason } as JsonObject, {
				message: `${what} failed: ${reason}`,
				description: hint,
				itemIndex,
			});
		}
		const status = response.statusCode;
		if ((status === 429 || status >= 500) && attempt + 1 < STORAGE_ATTEMPTS) {
			await sleep(backoffMs(attempt));
			continue;
		}
		if (status >= 300) {
			throw new NodeApiError(ctx.getNode(), { message: storageProblem(response) } as JsonObject, {
				message: `${what} failed: ${storageProblem(response)}`,
				description: hint,
				httpCode: String(status),
				itemIndex,
			});
		}
		return response;
	}
}

/** Downloads a file record's signed link into a binary item. */
async function download(ctx: IExecuteFunctions, itemIndex: number, record: IDataObject, property: string): Promise<INodeExecutionData> {
	const url = record.storage_filename;
	if (!isSignedUrl(url)) {
		throw new NodeOperationError(ctx.getNode(), `The client file ${String(record.client_file_id)} has no file to download yet (item ${itemIndex})`, {
			itemIndex,
			description: 'Its upload has not finished (or never started). An uploaded file may take a few moments to appear.',
		});
	}
	const response = await storageRequest(
		ctx,
		itemIndex,
		{ method: 'GET', url },
		`Downloading client file ${String(record.client_file_id)}`,
		'Download links expire after a short time; the node fetches them right after getting the file record, so run the item again.',
	);
	const raw = response.body as unknown;
	const bytes = Buffer.isBuffer(raw) ? raw : raw instanceof ArrayBuffer ? Buffer.from(raw) : Buffer.from(String(raw ?? ''), 'utf8');
	const headerType = String((response.headers as IDataObject | undefined)?.['content-type'] ?? '').split(';')[0].trim();
	const mimeType = (typeof record.content_type === 'string' && record.content_type) || headerType || 'application/octet-stream';
	const fileName = (typeof record.display_filename === 'string' && record.display_filename) || `client-file-${String(record.client_file_id)}`;
	const binary = await ctx.helpers.prepareBinaryData(bytes, fileName, mimeType);
	return { json: record, binary: { [property]: binary } };
}

const downloadFields = (label: string, description: string): INodeProperties[] => [
	{ displayName: label, name: 'download', type: 'boolean', default: false, description },
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { download: [true] } },
	},
];

const upload: Operation = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a client file',
	description: "Add a file from a binary field to a client's files",
	endpoints: ['client_file/add'],
	properties: [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1111',
			description: 'The ID of the client in Simple Salon',
		},
		inputBinaryField('The name of the input binary field holding the file to upload'),
		{
			displayName: 'Additional Fields',
			description: 'Optional details of the uploaded file',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Appointment ID',
					name: 'appointment_id',
					type: 'string',
					default: '',
					placeholder: '56789',
					description: "The client's appointment this file belongs to (cannot be changed later)",
				},
				{
					displayName: 'File Name',
					name: 'display_filename',
					type: 'string',
					default: '',
					placeholder: 'before.jpg',
					description: "The name shown in Simple Salon; defaults to the binary file's name. It must end in the file's extension (e.g. .jpg); only .jpg, .gif and .png files get thumbnails.",
				},
				{
					displayName: 'Minimum Role',
					name: 'minimum_role_id',
					type: 'options',
					default: '-2',
					description: "The lowest staff role that can see the file; leave it out for the salon's default",
					options: minimumRole.options!,
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientId = salonId(this, 'clientId', itemIndex, 'Client ID');
		const file = await readInputFile(this, itemIndex);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		let name = String(additional.display_filename ?? '').trim() || (file.fileName ?? '').trim();
		if (name === '') name = `file.${extensionOf(file.mimeType) ?? 'bin'}`;
		if (!/\.[A-Za-z0-9]{1,10}$/.test(name)) {
			const extension = extensionOf(file.mimeType);
			if (!extension) {
				throw new NodeOperationError(this.getNode(), `The field "File Name" must end in the file's extension, e.g. .pdf, in item ${itemIndex}`, {
					itemIndex,
					description: `"${name}" has no extension and the file's type (${file.mimeType ?? 'unknown'}) does not say one.`,
				});
			}
			name = `${name}.${extension}`;
		}
		const clientFile: IDataObject = { client_id: clientId, display_filename: name };
		if (additional.appointment_id !== undefined && String(additional.appointment_id).trim() !== '') {
			clientFile.appointment_id = salonId(this, '', itemIndex, 'Appointment ID', additional.appointment_id);
		}
		if (additional.minimum_role_id !== undefined && additional.minimum_role_id !== '') clientFile.minimum_role_id = Number(additional.minimum_role_id);

		// Adding makes a new record each time, so it is never repeated automatically.
		const reply = await salonRequest(this, { method: 'client_file/add', body: { client_file: clientFile }, idempotent: false, itemIndex });
		const record = { ...fileOf(reply) };
		const uploadUrl = record.upload_url;
		delete record.upload_url;
		if (!isSignedUrl(uploadUrl)) {
			throw new NodeOperationError(this.getNode(), `Simple Salon created client file ${String(record.client_file_id)} but sent no upload URL (item ${itemIndex})`, {
				itemIndex,
			});
		}
		const contentType = (typeof record.content_type === 'string' && record.content_type) || file.mimeType || 'application/octet-stream';
		await storageRequest(
			this,
			itemIndex,
			{ method: 'PUT', url: uploadUrl, body: file.bytes, contentType },
			`Uploading "${name}" (client file ${String(record.client_file_id)})`,
			`The client file record ${String(record.client_file_id)} was created but holds no file yet. Delete it in Simple Salon (or with the Delete operation) before running the item again.`,
		);
		return withWarnings({ ...record, uploaded: true, file_size: file.bytes.length }, reply);
	},
};

const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a client file',
	description: 'Get a client file, and download it into a binary field if you like',
	endpoints: ['client_file/get'],
	properties: [
		{
			displayName: 'Client File ID',
			name: 'clientFileId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '2736',
			description: 'The ID of the file on the client record',
		},
		...downloadFields('Download File', 'Whether to download the file into a binary field (its link expires soon after it is fetched)'),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientFileId = salonId(this, 'clientFileId', itemIndex, 'Client File ID');
		const wantsFile = this.getNodeParameter('download', itemIndex, false) as boolean;
		const property = wantsFile ? outputProperty(this, itemIndex) : '';
		const reply = await salonRequest(this, { method: 'client_file/get', body: { client_file_id: clientFileId }, idempotent: true, itemIndex });
		const record = withWarnings(fileOf(reply), reply);
		return wantsFile ? [await download(this, itemIndex, record, property)] : record;
	},
};

const listEndpoint: SalonEndpoint = {
	method: 'client_file/list',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many client files',
	description: "List a client's files, and download them into binary fields if you like",
	idempotent: true,
	// "rows_per_page can be -1 to retrieve all" (depending on the logged in user's permissions)
	list: { key: 'client_files', allowAll: true },
	filters: [{ displayName: 'Client ID', path: 'filters.client_id', name: 'client_id', type: 'id', default: '', placeholder: '1111', description: 'Only the files of this client' }],
};
const listBase = salonOperation(listEndpoint);

const getAll: Operation = {
	...listBase,
	properties: [
		...listBase.properties,
		...downloadFields('Download Files', 'Whether to download each file into a binary field (the links expire soon after they are fetched)'),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const wantsFiles = this.getNodeParameter('download', itemIndex, false) as boolean;
		const property = wantsFiles ? outputProperty(this, itemIndex) : '';
		const rows = (await listBase.execute.call(this, itemIndex)) as IDataObject[];
		if (!wantsFiles) return rows;
		const items: INodeExecutionData[] = [];
		for (const row of rows) items.push(await download(this, itemIndex, row, property));
		return items;
	},
};

const update = salonOperation({
	method: 'client_file/update',
	value: 'update',
	name: 'Update',
	action: 'Update a client file',
	description: 'Rename a client file or change who can see it',
	idempotent: true,
	required: [clientFileIdParam('client_file.client_file_id')],
	additionalLabel: 'Update Fields',
	additional: [displayFilename, minimumRole],
	result: 'client_file',
	build(ctx, itemIndex, body) {
		const file = body.client_file as IDataObject;
		if (Object.keys(file).length < 2) {
			throw new NodeOperationError(ctx.getNode(), `The field "Update Fields" is empty in item ${itemIndex}`, {
				itemIndex,
				description: 'Add at least one field to change.',
			});
		}
		// The table wraps the file in `client_file` (the docs' example sends it flat); the table is followed.
		return roleAsNumber(body);
	},
	output: (reply) => withWarnings(fileOf(reply), reply),
});

const remove = salonOperation({
	method: 'client_file/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client file',
	description: "Delete a file from a client's files",
	idempotent: true,
	required: [clientFileIdParam('client_file_id')],
	output: (reply, ctx, itemIndex) =>
		withWarnings({ success: true, client_file_id: salonId(ctx, 'clientFileId', itemIndex, 'Client File ID') }, reply),
});

export const clientFile: Resource = {
	value: 'clientFile',
	name: 'Client File',
	description: "Files on a client's record (forms, photos)",
	// the first one is picked with the resource: Get Many
	operations: [getAll, upload, get, update, remove],
};

import { randomBytes } from 'node:crypto';
import {
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { checkFormat, requiredString } from '../../shared/params';
import { sendWithSession } from '../../shared/transport';
import { RECORD_ID, recordIdParameter } from './fields';
import { apiUserId, describeModule, simplyCrmProtocol, webservice, type DescribeField } from '../transport';

/** What `files_retrieve` returns per file (vtiger 7's vtws_filedetails). */
interface RetrievedFile {
	fileid?: string;
	filename?: string;
	filetype?: string;
	filesize?: string | number;
	filecontents?: string;
}

/** Files below this size go without asking the instance its limit (PHP's default upload_max_filesize is 2 MB). */
const CHECK_SIZE_FROM = 1024 * 1024;

/**
 * Refuses a file over the instance's upload limit (describe's `maxUploadFileSize` on the Documents file field) before
 * the non-idempotent create sends it; smaller files skip the extra describe request.
 */
async function checkUploadSize(ctx: IExecuteFunctions, property: string, size: number, itemIndex: number): Promise<void> {
	if (size < CHECK_SIZE_FROM) return;
	const fields = (await describeModule(ctx, 'Documents', itemIndex)).fields ?? [];
	const file = fields.find((field) => field.type?.name === 'file') as (DescribeField & { type?: { maxUploadFileSize?: unknown } }) | undefined;
	const limit = Number(file?.type?.maxUploadFileSize);
	if (!Number.isFinite(limit) || limit <= 0 || size <= limit) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`The file in "Input Binary Field" ("${property}") is larger than Simply CRM accepts in item ${itemIndex}`,
		{ itemIndex, description: `The file has ${size} bytes; this instance takes up to ${limit} bytes per upload.` },
	);
}

interface FilePart {
	name: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/** A header parameter value as browsers write it in multipart/form-data (WHATWG: quote and line breaks escaped). */
const headerValue = (value: string) => value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A multipart/form-data body (RFC 7578) with text fields first and one file part, plus its Content-Type header. */
export function multipartBody(fields: Record<string, string>, file: FilePart): { body: Buffer; contentType: string } {
	let boundary: string;
	do {
		boundary = `----n8nSimplyCrm${randomBytes(16).toString('hex')}`;
	} while (file.data.includes(boundary));
	const chunks: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		chunks.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${headerValue(name)}"\r\n\r\n${value}\r\n`, 'utf8'),
		);
	}
	chunks.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${headerValue(file.name)}"; filename="${headerValue(file.fileName)}"\r\n` +
				`Content-Type: ${file.mimeType}\r\n\r\n`,
			'utf8',
		),
		file.data,
		Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
	);
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function documentId(ctx: IExecuteFunctions, itemIndex: number): string {
	return recordIdParameter(ctx, itemIndex, 'documentId', 'Document ID', '15x42');
}


const upload: Operation = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a document',
	description: 'Store a file from an input binary field as a new document',
	properties: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the file to upload',
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: "The document's title. Leave empty to use the file name.",
		},
		{
			displayName: 'Additional Fields',
			description: 'Optional fields of the new document record',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Assigned To',
					name: 'assignedUserId',
					type: 'string',
					default: '',
					placeholder: '19x1',
					description: 'ID of the user (19x…) or group (20x…) that owns the document. Defaults to the API user.',
				},
				{
					displayName: 'Description',
					name: 'notecontent',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description: 'Text shown with the document (its note content)',
				},
				{
					displayName: 'Folder ID',
					name: 'folderId',
					type: 'string',
					default: '',
					placeholder: '22x1',
					description: 'ID of the document folder; Simply CRM uses its default folder when empty',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const property = requiredString(this, 'binaryPropertyName', itemIndex, 'Input Binary Field');
		const binary = this.getInputData()[itemIndex]?.binary?.[property];
		if (!binary) {
			throw new NodeOperationError(this.getNode(), `The field "Input Binary Field" points to "${property}", which is missing in item ${itemIndex}`, {
				itemIndex,
				description: 'Pass a file into this node (for example from "Read/Write Files from Disk" or an HTTP Request) and enter the name of its binary field.',
			});
		}
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		const fileName = binary.fileName || 'file';
		const mimeType = binary.mimeType || 'application/octet-stream';
		const title = (this.getNodeParameter('title', itemIndex, '') as string).trim() || fileName;
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

		const element: IDataObject = {
			notes_title: title,
			// I = internal: the file is stored in the CRM (E would be an external URL).
			filelocationtype: 'I',
			filestatus: '1',
			filename: fileName,
		};
		const folderId = String(additional.folderId ?? '').trim();
		if (folderId) element.folderid = checkFormat(this, folderId, RECORD_ID, itemIndex, 'Folder ID', '22x1');
		if (additional.notecontent) element.notecontent = additional.notecontent;
		const owner = String(additional.assignedUserId ?? '').trim();
		element.assigned_user_id = owner
			? checkFormat(this, owner, RECORD_ID, itemIndex, 'Assigned To', '19x1')
			: await apiUserId(this, itemIndex);
		if (element.assigned_user_id === undefined) delete element.assigned_user_id;

		await checkUploadSize(this, property, data.length, itemIndex);

		// vtiger takes the file from $_FILES['filename'] and the other parameters from $_POST, so one multipart POST.
		const { body, contentType } = multipartBody(
			{ operation: 'create', elementType: 'Documents', element: JSON.stringify(element) },
			{ name: 'filename', fileName, mimeType, data },
		);
		const response = await sendWithSession(
			this,
			simplyCrmProtocol,
			() => ({ method: 'POST', url: '/webservice.php', headers: { 'Content-Type': contentType }, body, json: true }),
			{ idempotent: false, itemIndex },
		);
		const reply = typeof response.body === 'string' ? jsonParse<IDataObject>(response.body) : (response.body as IDataObject);
		return reply.result as IDataObject;
	},
};

const download: Operation = {
	value: 'download',
	name: 'Download',
	action: 'Download a document',
	description: "Get a document's file into a binary field",
	properties: [
		{
			displayName: 'Document ID',
			name: 'documentId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '15x42',
			description: "The document's webservice ID: Documents prefix, \"x\", record number",
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
		{
			displayName: 'Options',
			description: 'Optional settings for the download',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Leave File Contents Out of JSON',
					name: 'omitContents',
					type: 'boolean',
					default: true,
					description:
						'Whether to leave the base64 file contents out of the output JSON. The file is in the binary field either way.',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const id = documentId(this, itemIndex);
		const property = requiredString(this, 'binaryPropertyName', itemIndex, 'Put Output File in Field');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		// files_retrieve is vtiger 7's; Simply does not document it.
		const files = await webservice<RetrievedFile[] | null>(this, {
			operation: 'files_retrieve',
			params: { id },
			idempotent: true,
			itemIndex,
		});
		const file = Array.isArray(files) ? files[0] : undefined;
		if (!file || typeof file.filecontents !== 'string') {
			throw new NodeOperationError(this.getNode(), `The document "${id}" has no file to download (item ${itemIndex})`, {
				itemIndex,
				description: 'The document holds only a note or a link to an external file. Check its "File Name" in Simply CRM.',
			});
		}
		const fileName = file.filename || `document-${id}`;
		const mimeType = file.filetype || 'application/octet-stream';
		const binary = await this.helpers.prepareBinaryData(Buffer.from(file.filecontents, 'base64'), fileName, mimeType);
		const json: IDataObject = { id, ...file };
		if (options.omitContents !== false) delete json.filecontents;
		return [{ json, binary: { [property]: binary } }];
	},
};

export const document: Resource = {
	value: 'document',
	name: 'Document',
	description: 'Files stored in Simply CRM',
	operations: [upload, download],
};

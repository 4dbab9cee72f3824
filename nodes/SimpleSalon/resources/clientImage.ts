import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/execute';
import { detectImageType, extensionOf, formatBytes, inputBinaryField, outputBinaryField, outputProperty, readInputFile } from '../binary';
import { salonOperation, salonValue, type SalonParam } from '../endpoint';
import { salonId } from '../fields';
import { salonRequest } from '../transport';

/*
 * A client's photo. The API carries it as base64 inside JSON: `client/image/get` answers `{ image, image_media_type }`
 * (an empty image when the client has none), `client/image/update` takes the same, and "Total size of request must be
 * less than 4MB" — checked here before sending, so a too-large photo fails with a clear message, not half-way.
 */

/** "Total size of request must be less than 4MB", read the strict way (4,000,000 bytes, not 4 MiB). */
export const IMAGE_REQUEST_LIMIT = 4_000_000;

const clientIdField: INodeProperties = {
	displayName: 'Client ID',
	name: 'clientId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1111',
	description: 'The ID of the client in Simple Salon',
};

const sizeParams: SalonParam[] = [
	{ path: 'height', displayName: 'Max Height', type: 'number', description: 'Shrink the image to at most this many pixels high (the aspect ratio is kept)' },
	{ path: 'width', displayName: 'Max Width', type: 'number', description: 'Shrink the image to at most this many pixels wide (the aspect ratio is kept)' },
];

const get: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a client image',
	description: "Get a client's photo into a binary field",
	endpoints: ['client/image/get'],
	properties: [
		clientIdField,
		outputBinaryField('The name of the output binary field to put the image in'),
		{
			displayName: 'Options',
			description: 'Optional settings for the photo',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: sizeParams.map((p) => ({
				displayName: p.displayName,
				name: p.path,
				type: 'number' as const,
				typeOptions: { minValue: 1 },
				default: 200,
				description: p.description,
			})),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const clientId = salonId(this, 'clientId', itemIndex, 'Client ID');
		const property = outputProperty(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = { client_id: clientId };
		for (const param of sizeParams) {
			if (options[param.path] === undefined || options[param.path] === '') continue;
			const value = salonValue(this, param, options[param.path], itemIndex) as number;
			if (!Number.isInteger(value) || value < 1) {
				throw new NodeOperationError(this.getNode(), `The field "${param.displayName}" must be a whole number of pixels in item ${itemIndex}`, {
					itemIndex,
				});
			}
			body[param.path] = value;
		}
		const reply = await salonRequest(this, { method: 'client/image/get', body, idempotent: true, itemIndex });
		const base64 = typeof reply.image === 'string' ? reply.image : '';
		const json: IDataObject = { client_id: clientId, has_image: base64 !== '' };
		if (Array.isArray(reply.warnings) && reply.warnings.length > 0) json.warnings = reply.warnings;
		// No photo: the API answers an empty image (its example still names a media type), so no binary.
		if (base64 === '') return [{ json }];
		const bytes = Buffer.from(base64, 'base64');
		// The bytes say what the image is; the media type the API names is the fallback.
		const mimeType = detectImageType(bytes) ?? (typeof reply.image_media_type === 'string' && reply.image_media_type !== '' ? reply.image_media_type : 'application/octet-stream');
		const fileName = `client-${clientId}.${extensionOf(mimeType) ?? 'bin'}`;
		json.image_media_type = mimeType;
		json.file_size = bytes.length;
		const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
		return [{ json, binary: { [property]: binary } }];
	},
};

const update: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a client image',
	description: "Set or replace a client's photo from a binary field (JPEG, PNG, GIF…; the request must stay under 4 MB)",
	endpoints: ['client/image/update'],
	properties: [clientIdField, inputBinaryField('The name of the input binary field holding the photo')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const clientId = salonId(this, 'clientId', itemIndex, 'Client ID');
		const file = await readInputFile(this, itemIndex);
		const declared = file.mimeType?.split(';')[0].trim().toLowerCase();
		const mediaType = detectImageType(file.bytes) ?? (declared?.startsWith('image/') ? declared : undefined);
		if (!mediaType) {
			throw new NodeOperationError(
				this.getNode(),
				`The file in "Input Binary Field" ("${file.property}") of item ${itemIndex} is not an image`,
				{ itemIndex, description: `Its contents are not a JPEG, PNG, GIF, WebP, BMP, TIFF or HEIC image (its type says ${declared ?? 'nothing'}).` },
			);
		}
		const body: IDataObject = { client_id: clientId, image: file.bytes.toString('base64'), image_media_type: mediaType };
		const size = Buffer.byteLength(JSON.stringify(body), 'utf8');
		if (size >= IMAGE_REQUEST_LIMIT) {
			throw new NodeOperationError(
				this.getNode(),
				`The image in "Input Binary Field" ("${file.property}") of item ${itemIndex} is too large: ${formatBytes(file.bytes.length)}`,
				{
					itemIndex,
					description: `Simple Salon takes requests under 4 MB and sends images as base64 (a third larger), so this request would be ${formatBytes(size)}. Shrink the image below about 2.9 MB first.`,
				},
			);
		}
		const reply = await salonRequest(this, { method: 'client/image/update', body, idempotent: true, itemIndex });
		const json: IDataObject = { success: true, client_id: clientId, image_media_type: mediaType, file_size: file.bytes.length };
		if (Array.isArray(reply.warnings) && reply.warnings.length > 0) json.warnings = reply.warnings;
		return json;
	},
};

const remove = salonOperation({
	method: 'client/image/delete',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client image',
	description: "Remove a client's photo",
	idempotent: true,
	required: [{ displayName: 'Client ID', path: 'client_id', name: 'clientId', type: 'id', default: '', placeholder: '1111', description: 'The ID of the client in Simple Salon' }],
	output: (reply, ctx, itemIndex) => ({
		success: true,
		client_id: salonId(ctx, 'clientId', itemIndex, 'Client ID'),
		...(Array.isArray(reply.warnings) && reply.warnings.length > 0 ? { warnings: reply.warnings } : {}),
	}),
});

export const clientImage: Resource = {
	value: 'clientImage',
	name: 'Client Image',
	description: "A client's photo",
	operations: [get, update, remove],
	defaultOperation: 'get',
};

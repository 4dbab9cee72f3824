import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/* Binary in and out for the client image and client file operations. */

/** The input binary field parameter ("data" by default, like n8n's own nodes). */
export const inputBinaryField = (hint: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint,
});

/** The output binary field parameter. */
export const outputBinaryField = (hint: string): INodeProperties => ({
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint,
});

export interface InputFile {
	/** The binary property the file came from. */
	property: string;
	bytes: Buffer;
	fileName?: string;
	mimeType?: string;
}

/** The file in the item's binary field named by `binaryPropertyName`, or an error naming the field and the item. */
export async function readInputFile(ctx: IExecuteFunctions, itemIndex: number): Promise<InputFile> {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, '') ?? '').trim();
	if (property === '') {
		throw new NodeOperationError(ctx.getNode(), `The field "Input Binary Field" is empty in item ${itemIndex}`, { itemIndex });
	}
	const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The field "Input Binary Field" points to "${property}", which is missing in item ${itemIndex}`,
			{
				itemIndex,
				description:
					'Pass a file into this node (for example from "Read/Write Files from Disk" or an HTTP Request) and enter the name of its binary field.',
			},
		);
	}
	const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	return { property, bytes, fileName: binary.fileName || undefined, mimeType: binary.mimeType || undefined };
}

/** The output binary field name, or an error naming the field and the item. */
export function outputProperty(ctx: IExecuteFunctions, itemIndex: number): string {
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, '') ?? '').trim();
	if (property === '') {
		throw new NodeOperationError(ctx.getNode(), `The field "Put Output File in Field" is empty in item ${itemIndex}`, { itemIndex });
	}
	return property;
}

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
	bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image type of some bytes, from their signature (what the file is, whatever it is called). */
export function detectImageType(bytes: Buffer): string | undefined {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
	if (startsWith(bytes, ascii('BM'))) return 'image/bmp';
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
	if (startsWith(bytes, ascii('ftyp'), 4) && /^(heic|heix|mif1|msf1)$/.test(bytes.subarray(8, 12).toString('latin1'))) return 'image/heic';
	return undefined;
}

const EXTENSIONS: Record<string, string> = {
	'application/pdf': 'pdf',
	'image/bmp': 'bmp',
	'image/gif': 'gif',
	'image/heic': 'heic',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/tiff': 'tif',
	'image/webp': 'webp',
	'text/plain': 'txt',
};

/** The usual file extension of a media type (without the dot), if it is a common one. */
export const extensionOf = (mimeType: string | undefined): string | undefined =>
	mimeType ? EXTENSIONS[mimeType.split(';')[0].trim().toLowerCase()] : undefined;

/** "1.2 MB" style size for messages. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(2)} MB`;
	if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(1)} kB`;
	return `${bytes} bytes`;
}

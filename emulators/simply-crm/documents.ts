/** Documents: the multipart upload on `create` and what `files_retrieve` hands back. */
import type { MultipartPart } from '../shared/emulator';
import { WsError, type Attachment } from './state';

/** Upload limit of the instance (vtiger's upload_maxsize), reported as describe's `maxUploadFileSize`. */
export const DEFAULT_MAX_UPLOAD_FILE_SIZE = 5 * 1024 * 1024;

/** The form field the file must travel in (the Documents field `filename`). */
export const FILE_PART = 'filename';

export interface Upload {
	name: string;
	type: string;
	data: Buffer;
}

/** PHP keeps only the last path segment of an uploaded file's name. */
function baseName(name: string): string {
	return name.split(/[\\/]/).pop() ?? name;
}

/**
 * Settles the file fields of a new document from the element and $_FILES: an internal document (`I`) needs the
 * file part, an external one (`E`) keeps its URL in `filename`, and a document without either is a plain note.
 */
export function takeUpload(
	values: Record<string, string>,
	files: MultipartPart[],
	maxSize: number,
): Upload | undefined {
	// PHP's $_FILES entry: a part with a file name and some content; other part names are not the file field.
	const part = files.find((f) => f.name === FILE_PART && f.filename && f.data.length > 0);
	const location = values.filelocationtype || (part ? 'I' : '');
	values.filelocationtype = location;
	values.filesize = '';
	values.filetype = '';
	if (location !== 'I') return undefined;
	if (!part) throw new WsError('MANDATORY_FIELDS_MISSING', 'filename does not have a value');
	if (part.data.length > maxSize) {
		throw new WsError(
			'UPLOAD_LIMIT_EXCEEDED',
			`Maximum upload size exceeded: ${part.data.length} bytes, the limit is ${maxSize} bytes`,
		);
	}
	const upload = {
		name: baseName(part.filename!),
		type: part.contentType?.split(';')[0].trim() || 'application/octet-stream',
		data: Buffer.from(part.data),
	};
	values.filename = upload.name;
	values.filesize = String(upload.data.length);
	values.filetype = upload.type;
	return upload;
}

/** One entry of the `files_retrieve` result (vtws_filedetails). */
export function fileDetails(attachment: Attachment) {
	return {
		fileid: String(attachment.id),
		filename: attachment.name,
		filetype: attachment.type,
		filesize: attachment.data.length,
		filecontents: attachment.data.toString('base64'),
	};
}

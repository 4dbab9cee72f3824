/** What PHP hands the scripts: $_GET, $_POST and $_REQUEST. */
import type { EmulatorRequest, MultipartPart } from '../shared/emulator';

/** $_POST: filled only from form-urlencoded and multipart bodies; a JSON body leaves it empty. */
export function postFields(req: EmulatorRequest): Record<string, string> {
	const type = req.contentType.split(';')[0].trim().toLowerCase();
	if (type === 'application/x-www-form-urlencoded' && req.body && typeof req.body === 'object') {
		return { ...(req.body as Record<string, string>) };
	}
	if (type === 'multipart/form-data' && Array.isArray(req.body)) {
		const fields: Record<string, string> = {};
		for (const part of req.body as MultipartPart[]) {
			if (part.filename === undefined) fields[part.name] = part.data.toString('utf8');
		}
		return fields;
	}
	return {};
}

/** $_FILES: the parts of a multipart body that carry a file name. */
export function uploadedFiles(req: EmulatorRequest): MultipartPart[] {
	const type = req.contentType.split(';')[0].trim().toLowerCase();
	if (type !== 'multipart/form-data' || !Array.isArray(req.body)) return [];
	return (req.body as MultipartPart[]).filter((part) => part.filename !== undefined);
}

/** $_REQUEST with the default request_order "GP": POST wins over GET. */
export function requestFields(req: EmulatorRequest): Record<string, string> {
	return { ...req.query, ...postFields(req) };
}

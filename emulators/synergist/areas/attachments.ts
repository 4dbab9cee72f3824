import { createHash } from 'node:crypto';

import type { EmulatorResponse, Route } from '../../shared/emulator';
import { unsignedInt } from '../schemas';
import { uuidOf } from '../seed';
import {
	JsonFault,
	XmlFault,
	areaState,
	badParameter,
	companyOf,
	inputRows,
	modelStructure,
	okEnvelope,
	paged,
	styleOf,
	written,
	type Area,
	type AreaHandler,
	type Call,
	type SynergistState,
} from './types';

/**
 * attachments.json (documents on activities: the attachmentslist / attachmentdetails models, create, update = rename,
 * delete) and notesattachments.json `attachmentview` (the file as base64). Two storage modes, as the reference
 * describes: on-premises storage takes the file as base64 inside `input` (in the query string); on an S3 system the
 * create answers pre-signed `attachmentS3UrlPut`/`attachmentS3UrlGet` links and the client PUTs the bytes there (served
 * by this emulator under /s3-bucket/…). Switch with `setAttachmentStorage(state, 's3')`.
 */

export type AttachmentStorage = 'server' | 's3';

interface Attachment {
	id: number;
	uuid: string;
	company: number;
	activityId: number;
	originalFilename: string;
	description: string;
	clientName: string;
	container: string;
	jobAndPhase: string;
	createdBy: number;
	createdByName: string;
	created: string;
	modified: number;
	version: number;
	mode: 'Browse' | 'API';
	/** The content; undefined for an S3 attachment whose upload has not arrived yet. */
	bytes?: Buffer;
	/** Key of the S3 object (S3 storage only). */
	s3Key?: string;
}

interface AttachmentState {
	storage: AttachmentStorage;
	attachments: Map<number, Attachment>;
	nextId: number;
	/** Objects uploaded to the emulated bucket, by key. */
	bucket: Map<string, Buffer>;
	/** Valid signatures of pre-signed links, by key. */
	signatures: Map<string, { get: string; put: string }>;
	/** Makes this store's S3 keys unique among emulator instances. */
	token: string;
}

/** Which store an S3 object key belongs to: the bucket routes get no emulator state (keys carry a store token). */
const bucketIndex = new Map<string, AttachmentState>();
let storeTokens = 0;

function seed(): AttachmentState {
	const attachment = (id: number, description: string, createdBy: number, createdByName: string, modified: number, content: string, mode: 'Browse' | 'API'): Attachment => ({
		id,
		uuid: uuidOf(`attachment:${id}`),
		company: 1,
		activityId: 6957,
		originalFilename: description,
		description,
		clientName: 'Smith & Co',
		container: 'My Meeting notesa',
		jobAndPhase: '',
		createdBy,
		createdByName,
		created: new Date(modified * 1000).toISOString().slice(0, 19),
		modified,
		version: 0,
		mode,
		bytes: Buffer.from(content, 'utf8'),
		s3Key: undefined,
	});
	const rows = [
		attachment(5463, 'temp.csv', 5, 'Mike Smith', 1501072436, 'HERE IS SOME TEXT\r\n', 'Browse'),
		attachment(5466, 'Special.pdf', 3, 'Jon Brown', 1501073898, '%PDF-1.3\n%%EOF\n', 'API'),
	];
	return { storage: 'server', attachments: new Map(rows.map((a) => [a.id, a])), nextId: 5505, bucket: new Map(), signatures: new Map(), token: `b${++storeTokens}` };
}

const attachmentsOf = (state: SynergistState) => areaState(state, 'attachments', seed);

/** Makes the emulated server store attachments on S3 (pre-signed PUT after create) or on the server (base64). */
export function setAttachmentStorage(state: SynergistState, storage: AttachmentStorage): void {
	attachmentsOf(state).storage = storage;
}

/** An attachment's stored bytes (tests compare round trips with them). */
export function attachmentBytes(state: SynergistState, id: number): Buffer | undefined {
	const stored = attachmentsOf(state).attachments.get(id);
	return stored?.bytes ?? (stored?.s3Key ? attachmentsOf(state).bucket.get(stored.s3Key) : undefined);
}

const extensionOf = (name: string) => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '').toUpperCase();
const documentName = (a: Attachment) => `${a.originalFilename.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '_')}_${a.id}${extensionOf(a.originalFilename) ? `.${extensionOf(a.originalFilename).toLowerCase()}` : ''}`;

const CONTENT_TYPES: Record<string, string> = {
	CSV: 'application/csv',
	PDF: 'application/pdf',
	TXT: 'text/plain',
	JPG: 'image/jpeg',
	JPEG: 'image/jpeg',
	PNG: 'image/png',
	DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function s3Links(call: Call, store: AttachmentState, a: Attachment): { get: string; put: string } {
	if (!a.s3Key) return { get: '', put: '' };
	let signature = store.signatures.get(a.s3Key);
	if (!signature) {
		const sign = (verb: string) => createHash('sha256').update(`${verb}:${a.s3Key}:${call.clock}`).digest('hex');
		signature = { get: sign('GET'), put: sign('PUT') };
		store.signatures.set(a.s3Key, signature);
	}
	const date = new Date(call.clock).toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
	const url = (sig: string) =>
		`${call.baseUrl}/s3-bucket/${a.s3Key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEMULATOR%2F${date.slice(0, 8)}%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=${date}&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${sig}`;
	return { get: url(signature.get), put: url(signature.put) };
}

/** The attachmentslist / attachmentdetails model (the reference shows the same fields for both). */
function listRow(call: Call, store: AttachmentState, a: Attachment) {
	const links = s3Links(call, store, a);
	const [date, time] = a.created.split('T');
	return {
		attachmentUuid: a.uuid,
		attachmentTimestampModified: a.modified,
		attachmentRecordVersionNumber: a.version,
		attachmentCreatedDisplay: `Created by ${a.createdByName} on ${date.split('-').reverse().join('/')} at ${time.slice(0, 5)}`,
		attachmentS3UrlGet: links.get,
		attachmentS3UrlPut: links.put,
		attachmentClientName: a.clientName,
		attachmentActivityID: a.activityId,
		attachmentID: a.id,
		attachmentDocumentName: documentName(a),
		attachmentJobAndPhase: a.jobAndPhase,
		attachmentDescription: a.description,
		attachmentExtension: extensionOf(a.originalFilename),
		attachmentContainer: a.container,
		attachmentCreationDate: date,
		attachmentCreationTime: time,
		attachmentCreatedByUserID: a.createdBy,
		attachmentCreatedByFullName: a.createdByName,
		attachmentMode: a.mode,
	};
}

const MODELS = new Set(['attachmentslist', 'attachmentdetails']);
const MANDATORY_ON_CREATE = new Set(['attachmentActivityID', 'attachmentOriginalFilename']);

function timestampParam(call: Call, name: string): number | undefined {
	const raw = call.params[name];
	if (raw === undefined || raw === '') return undefined;
	if (!unsignedInt.safeParse(raw).success) throw badParameter(name, raw);
	return Number(raw);
}

const read: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const style = styleOf(call);
	const model = (call.params.modelstructure ?? '').toLowerCase();
	if (!MODELS.has(model)) throw badParameter('modelstructure', call.params.modelstructure);
	const store = attachmentsOf(call.state);
	const sample = store.attachments.values().next().value as Attachment;
	if (style === 'modelstructure') return modelStructure(listRow(call, store, sample), 'attachment', MANDATORY_ON_CREATE);
	if (call.params.view !== undefined && call.params.view !== '') throw new XmlFault(404502, `invalid view ${call.params.view}`);
	const { attachmentid, uuid, search, client, job, jobphase } = call.params;
	if (attachmentid !== undefined && !unsignedInt.safeParse(attachmentid).success) throw badParameter('attachmentid', attachmentid);
	if (model === 'attachmentdetails' && attachmentid === undefined) throw new XmlFault(404504, 'attachmentid not specified');
	const from = timestampParam(call, 'timestampfrom');
	const to = timestampParam(call, 'timestampto');
	const rows = [...store.attachments.values()]
		.filter((a) => a.company === company.number)
		.filter((a) => attachmentid === undefined || a.id === Number(attachmentid))
		.filter((a) => uuid === undefined || a.uuid === uuid.toUpperCase())
		.filter((a) => client === undefined || a.clientName.toLowerCase() === client.toLowerCase() || client === '')
		.filter((a) => job === undefined || a.jobAndPhase.toLowerCase().startsWith(job.toLowerCase()))
		.filter((a) => jobphase === undefined || a.jobAndPhase.toLowerCase() === jobphase.toLowerCase())
		.filter((a) => from === undefined || a.modified >= from)
		.filter((a) => to === undefined || a.modified <= to)
		.filter((a) => !search || `${a.description} ${a.originalFilename}`.toLowerCase().includes(search.toLowerCase()))
		.sort((a, b) => a.id - b.id);
	return paged(call, rows, (a) => listRow(call, store, a));
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CREATE_FIELDS = new Set(['attachmentActivityID', 'attachmentOriginalFilename', 'attachmentDescription', 'variable_AttachmentBase64', 'attachmentBase64']);

function positiveId(raw: unknown, field: string): number {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!/^[1-9]\d*$/.test(text)) throw new JsonFault(2004, `invalid value for ${field}`);
	return Number(text);
}

const create: AreaHandler = (call) => {
	const company = companyOf(call, false);
	const store = attachmentsOf(call.state);
	const planned = inputRows(call).map((raw) => {
		const unknown = Object.keys(raw).find((key) => !CREATE_FIELDS.has(key));
		if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
		for (const field of MANDATORY_ON_CREATE) {
			if (raw[field] === undefined || raw[field] === '') throw new JsonFault(2001, `mandatory field ${field} not supplied`);
		}
		const activityId = positiveId(raw.attachmentActivityID, 'attachmentActivityID');
		const name = raw.attachmentOriginalFilename;
		if (typeof name !== 'string' || name.trim() === '' || /[\\/:*?"<>|]/.test(name)) throw new JsonFault(2004, 'invalid value for attachmentOriginalFilename');
		const description = raw.attachmentDescription ?? name;
		if (typeof description !== 'string') throw new JsonFault(2004, 'invalid value for attachmentDescription');
		// the parameter table says attachmentBase64, the example sends variable_AttachmentBase64: both are read
		const base64 = raw.variable_AttachmentBase64 ?? raw.attachmentBase64;
		if (base64 !== undefined && (typeof base64 !== 'string' || !BASE64.test(base64) || base64.length % 4 !== 0)) {
			throw new JsonFault(2004, 'invalid value for variable_AttachmentBase64');
		}
		if (base64 === undefined && store.storage === 'server') throw new JsonFault(2001, 'mandatory field variable_AttachmentBase64 not supplied');
		return { activityId, name: name.trim(), description, bytes: base64 === undefined ? undefined : Buffer.from(base64, 'base64') };
	});
	const created = planned.map(({ activityId, name, description, bytes }) => {
		const id = store.nextId++;
		const s3 = store.storage === 's3';
		const attachment: Attachment = {
			id,
			uuid: uuidOf(`attachment:${id}`),
			company: company?.number ?? 1,
			activityId,
			originalFilename: name,
			description,
			clientName: 'Smith & Co',
			container: '',
			jobAndPhase: '',
			createdBy: call.user.userUserId,
			createdByName: call.user.fullName,
			created: new Date(call.clock).toISOString().slice(0, 19),
			modified: Math.floor(call.clock / 1000),
			version: 0,
			mode: 'API',
			// on S3 systems the base64 is not needed: the file is PUT to the pre-signed link
			bytes: s3 ? undefined : bytes,
			s3Key: s3 ? `${store.token}-${call.user.fullName.replace(/\W+/g, '_')}_${id}` : undefined,
		};
		store.attachments.set(id, attachment);
		if (attachment.s3Key) bucketIndex.set(attachment.s3Key, store);
		const links = s3Links(call, store, attachment);
		return s3
			? { attachmentUuid: attachment.uuid, attachmentID: id, attachmentS3UrlGet: links.get, attachmentS3UrlPut: links.put, attachmentTimestampModified: attachment.modified, attachmentRecordVersionNumber: 0 }
			: { attachmentUuid: attachment.uuid, attachmentID: id, attachmentTimestampModified: attachment.modified, attachmentRecordVersionNumber: 0 };
	});
	return written(created);
};

function existing(call: Call, store: AttachmentState, raw: unknown): Attachment {
	const company = companyOf(call, false);
	const id = positiveId(raw, 'attachmentID');
	const attachment = store.attachments.get(id);
	if (!attachment || (company && attachment.company !== company.number)) throw new JsonFault(2002, `attachment ${id} not found`);
	return attachment;
}

const update: AreaHandler = (call) => {
	const store = attachmentsOf(call.state);
	const planned = inputRows(call).map((raw) => {
		const unknown = Object.keys(raw).find((key) => key !== 'attachmentID' && key !== 'attachmentDescription');
		if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
		for (const field of ['attachmentID', 'attachmentDescription']) {
			if (raw[field] === undefined || raw[field] === '') throw new JsonFault(2001, `mandatory field ${field} not supplied`);
		}
		if (typeof raw.attachmentDescription !== 'string') throw new JsonFault(2004, 'invalid value for attachmentDescription');
		return { attachment: existing(call, store, raw.attachmentID), description: raw.attachmentDescription };
	});
	for (const { attachment, description } of planned) {
		attachment.description = description;
		attachment.modified = Math.floor(call.clock / 1000);
		attachment.version++;
	}
	return written(
		planned.map(({ attachment: a }) => ({ attachmentID: a.id, attachmentUuid: a.uuid, attachmentTimestampModified: a.modified, attachmentRecordVersionNumber: a.version })),
	);
};

const remove: AreaHandler = (call) => {
	const store = attachmentsOf(call.state);
	const doomed = inputRows(call).map((raw) => {
		const unknown = Object.keys(raw).find((key) => key !== 'attachmentID');
		if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
		if (raw.attachmentID === undefined || raw.attachmentID === '') throw new JsonFault(2001, 'mandatory field attachmentID not supplied');
		return existing(call, store, raw.attachmentID);
	});
	for (const a of doomed) {
		store.attachments.delete(a.id);
		if (a.s3Key) {
			store.bucket.delete(a.s3Key);
			bucketIndex.delete(a.s3Key);
		}
	}
	return written(doomed.map((a) => ({ attachmentID: a.id, attachmentUuid: a.uuid })));
};

const attachmentView: AreaHandler = (call) => {
	const store = attachmentsOf(call.state);
	const raw = call.params.attachment;
	if (raw === undefined || raw === '') throw new XmlFault(404504, 'attachment not specified');
	if (!unsignedInt.safeParse(raw).success) throw badParameter('attachment', raw);
	const a = existing(call, store, raw);
	// an S3 file is fetched from the bucket by the server and converted (slow on the real server)
	const bytes = a.bytes ?? (a.s3Key ? store.bucket.get(a.s3Key) : undefined);
	if (!bytes) throw new JsonFault(2003, `attachment ${a.id} has no file`);
	const contentType = CONTENT_TYPES[extensionOf(a.originalFilename)] ?? 'application/octet-stream';
	return okEnvelope({
		totalrows: 1,
		totalpages: 1,
		responsemessage: '',
		pagerows: 0,
		pagenumber: 1,
		data: [
			{
				attachmentUuid: a.uuid,
				attachmentTimestampModified: a.modified,
				attachmentRecordVersionNumber: a.version,
				attachmentOriginalFilename: a.originalFilename,
				attachmentBase64: bytes.toString('base64'),
				attachmentContentDisposition: `attachment; filename="${a.originalFilename}"`,
				attachmentContentType: contentType,
			},
		],
	});
};

/** The S3 error document. */
const s3Error = (status: number, code: string, message: string): EmulatorResponse => ({
	status,
	headers: { 'content-type': 'application/xml' },
	raw: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
});

/**
 * The emulated bucket behind the pre-signed links (no credentials: the signature is the key). */

function bucketRoute(method: 'GET' | 'PUT'): Route {
	return {
		method,
		path: '/s3-bucket/:key',
		handler: (req) => {
			const store = bucketIndex.get(req.params.key);
			const signature = store?.signatures.get(req.params.key);
			if (!store || !signature) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
			if (req.query['X-Amz-Signature'] !== (method === 'PUT' ? signature.put : signature.get)) {
				return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
			}
			if (method === 'PUT') {
				store.bucket.set(req.params.key, Buffer.from(req.rawBody));
				return { status: 200, headers: { etag: `"${createHash('md5').update(req.rawBody).digest('hex')}"` }, raw: '' };
			}
			const bytes = store.bucket.get(req.params.key);
			if (!bytes) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
			return { status: 200, headers: { 'content-type': 'application/octet-stream' }, raw: bytes };
		},
	};
}

export const attachmentsArea: Area = {
	read,
	actions: { create, update, delete: remove },
	routes: [bucketRoute('PUT'), bucketRoute('GET')],
};

export const notesAttachmentsArea: Area = {
	actions: { attachmentview: attachmentView },
};

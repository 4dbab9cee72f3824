/** `/webservice.php`: vtiger's OperationManager with its operation table, input sources and session checks. */
import type { EmulatorRequest, EmulatorResponse, MultipartPart } from '../shared/emulator';
import { API_VERSION, CRM_VERSION, decodeElement, type SimplyCrmBackend } from './backend';
import { postFields, requestFields, uploadedFiles } from './php';
import { WsError, type WsSession } from './state';

interface WsCall {
	backend: SimplyCrmBackend;
	/** $_GET for GET operations, $_POST for POST operations (vtiger's getOperationInput). */
	input: Record<string, string>;
	/** $_FILES: the file parts of a multipart POST. */
	files: MultipartPart[];
	session?: WsSession;
	/** The session named on the request; absent only for pre-login operations. */
	userId: number;
}

interface WsOperation {
	type: 'GET' | 'POST';
	preLogin?: boolean;
	/** Methods the operation answers to when the docs and vtiger disagree (logout). */
	alsoAccepts?: 'GET';
	run(call: WsCall): unknown;
}

export const WS_OPERATIONS: Record<string, WsOperation> = {
	getchallenge: {
		type: 'GET',
		preLogin: true,
		run: ({ backend, input }) => backend.getChallenge(input.username ?? ''),
	},
	login: {
		type: 'POST',
		preLogin: true,
		run: ({ backend, input }) => {
			const session = backend.login(input.username ?? '', input.accessKey ?? '');
			// The docs call it sessionId/SimplyVersion; vtiger returns sessionName/vtigerVersion.
			return {
				sessionName: session.sessionName,
				userId: `19x${session.userId}`,
				version: API_VERSION,
				vtigerVersion: CRM_VERSION,
			};
		},
	},
	retrieve: {
		type: 'GET',
		run: ({ backend, input }) => backend.withLineItems(backend.retrieve(input.id ?? '')),
	},
	create: {
		type: 'POST',
		run: ({ backend, input, userId, files }) =>
			backend.withLineItems(
				backend.create(input.elementType ?? '', decodeElement(input.element), userId, files),
			),
	},
	update: {
		type: 'POST',
		run: ({ backend, input, userId }) =>
			backend.withLineItems(backend.update(decodeElement(input.element), userId)),
	},
	delete: {
		type: 'POST',
		run: ({ backend, input, userId }) => backend.delete(input.id ?? '', userId),
	},
	query: { type: 'GET', run: ({ backend, input }) => backend.query(input.query ?? '') },
	sync: {
		type: 'GET',
		run: ({ backend, input, userId }) =>
			backend.sync(input.modifiedTime ?? '', input.elementType ?? '', input.syncType ?? '', userId),
	},
	listtypes: { type: 'GET', run: ({ backend, input }) => backend.listTypes(input.fieldTypeList) },
	describe: { type: 'GET', run: ({ backend, input }) => backend.describe(input.elementType ?? '') },
	// vtiger 7 registers it (Simply does not document it): a document's files with base64 contents.
	files_retrieve: { type: 'GET', run: ({ backend, input }) => backend.filesRetrieve(input.id ?? '') },
	logout: {
		type: 'POST',
		// The docs say GET, vtiger registers POST: both are answered.
		alsoAccepts: 'GET',
		run: ({ backend, input, session }) => backend.logout(input.sessionName || session!.sessionName),
	},
	extendsession: {
		type: 'POST',
		preLogin: true,
		// It adopts a browser login (PHPSESSID cookie); API clients never have one.
		run: () => {
			throw new WsError('AUTHENTICATION_REQUIRED', 'Authencation required');
		},
	},
};

/** The doc's describe URL says describeobject; vtiger's registry says describe. */
const OPERATION_ALIASES: Record<string, string> = { describeobject: 'describe' };

/** The operation name as webservice.php resolves it from $_REQUEST (lower-cased, aliases applied). */
export function webserviceOperation(req: EmulatorRequest): string | undefined {
	const raw = requestFields(req).operation;
	if (!raw) return undefined;
	const name = raw.toLowerCase();
	return OPERATION_ALIASES[name] ?? name;
}

function reply(body: unknown): EmulatorResponse {
	return { status: 200, body };
}

export function wsError(code: string | number, message: string): EmulatorResponse {
	return reply({ success: false, error: { code, message } });
}

export function createWebserviceHandler(backend: SimplyCrmBackend) {
	return (req: EmulatorRequest): EmulatorResponse => {
		const request = requestFields(req);
		const name = webserviceOperation(req) ?? '';
		const operation = WS_OPERATIONS[name];
		if (!operation) return wsError('UNKNOWN_OPERATION', 'Unknown operation requested');
		// The doc's retrieve URL spells it session_name; vtiger reads sessionName.
		const sessionName = request.sessionName || request.session_name || '';
		try {
			let session: WsSession | undefined;
			if (sessionName && sessionName.toLowerCase() !== 'null')
				session = backend.checkSession(sessionName);
			else if (!operation.preLogin)
				throw new WsError('AUTHENTICATION_REQUIRED', 'Authencation required');
			const readsQuery =
				operation.type === 'GET' || (operation.alsoAccepts === 'GET' && req.method === 'GET');
			const input = readsQuery ? { ...req.query } : postFields(req);
			const files = uploadedFiles(req);
			const result = operation.run({ backend, input, files, session, userId: session?.userId ?? 0 });
			return reply({ success: true, result });
		} catch (error) {
			if (error instanceof WsError) return wsError(error.code, error.message);
			return wsError('INTERNAL_SERVER_ERROR', 'Unknown Error while processing request');
		}
	};
}

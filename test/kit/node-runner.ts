import { ExecuteContext, LoadOptionsContext, PollContext } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	createRunExecutionData,
	isExpression,
	type IBinaryData,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/*
 * Runs a node's execute() inside n8n-core's real ExecuteContext, so requests go through n8n's own
 * httpRequestWithAuthentication (preAuthentication, authenticate, the 401 refresh) exactly as in n8n.
 * The credentials helper below follows n8n 2.41.1's CredentialsHelper (packages/cli) for the parts we use.
 */

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
	/** How many times n8n stored a refreshed session into this credential. */
	updates: number;
}

/** The credentials "database" of a test: survives between runs like n8n's, so session reuse can be tested. */
export class CredentialStore {
	private readonly byId = new Map<string, StoredCredential>();

	add(type: string, data: ICredentialDataDecryptedObject, id = `${type}-1`): StoredCredential {
		const stored = { id, name: `${type} test`, type, data: { ...data }, updates: 0 };
		this.byId.set(id, stored);
		return stored;
	}

	get(id: string): StoredCredential {
		const stored = this.byId.get(id);
		if (!stored) throw new Error(`No credential ${id}`);
		return stored;
	}
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly store: CredentialStore,
		private readonly types: Record<string, ICredentialType>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const type = this.type(typeName);
		if (typeof type.authenticate === 'function') {
			return await type.authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (type.authenticate) throw new Error('The test kit only supports function authenticate');
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (!nodeCredentials?.id) return undefined;
		const stored = this.store.get(nodeCredentials.id);
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored.data[key])) stored.data[key] = value as ICredentialDataDecryptedObject[string];
		}
		stored.updates++;
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		return typeof type.preAuthentication === 'function'
			? ((await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject)
			: undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<ICredentials> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		return { getData: () => ({ ...stored.data }) } as unknown as ICredentials;
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, nodeCredentials: INodeCredentialsDetails): Promise<ICredentialDataDecryptedObject> {
		return { ...this.store.get(nodeCredentials.id ?? '').data };
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		stored.data = { ...data };
		stored.updates++;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

export interface NodeSetup {
	node: INodeType;
	credentialTypes: ICredentialType[];
	store: CredentialStore;
	credential: StoredCredential;
	parameters: IDataObject;
	continueOnFail?: boolean;
	/** A trigger's static data (`getWorkflowStaticData`); pass the same object to later polls to keep the cursor. */
	staticData?: IDataObject;
	/** The node's mode as n8n reports it (`getMode()`); runNode defaults to manual. */
	mode?: 'manual' | 'trigger';
}

function build(setup: NodeSetup) {
	const description = setup.node.description;
	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-business-pack.${description.name}`,
		typeVersion: Array.isArray(description.version) ? description.version[description.version.length - 1] : description.version,
		position: [0, 0],
		parameters: setup.parameters as INode['parameters'],
		credentials: { [setup.credential.type]: { id: setup.credential.id, name: setup.credential.name } },
		continueOnFail: setup.continueOnFail ?? false,
		onError: setup.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
	};
	const nodeTypes: INodeTypes = {
		getByName: () => setup.node,
		getByNameAndVersion: () => setup.node,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'wf-test', nodes: [node], connections: {}, active: false, nodeTypes, staticData: setup.staticData });
	const types = Object.fromEntries(setup.credentialTypes.map((t) => [t.name, t]));
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(setup.store, types),
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		currentNodeParameters: setup.parameters,
		hooks: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, additionalData };
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
}

/** Runs the node once over `input` items, like one execution in n8n; errors are returned, not thrown. */
export async function runNode(
	setup: NodeSetup,
	input: IDataObject[] = [{}],
	/** Binary properties per input item (same index as `input`), e.g. `[{ data: await binary(buffer, 'a.pdf') }]`. */
	binaries: Array<INodeExecutionData['binary'] | undefined> = [],
): Promise<RunResult> {
	const { node, workflow, additionalData } = build(setup);
	const items: INodeExecutionData[] = input.map((json, index) => ({
		json,
		...(binaries[index] ? { binary: binaries[index] } : {}),
		pairedItem: { item: index },
	}));
	const executeData: IExecuteData = { node, data: { main: [items] }, source: { main: [null] } } as unknown as IExecuteData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		setup.mode ?? 'manual',
		createRunExecutionData(),
		0,
		items,
		{ main: [items] },
		executeData,
		[],
		new AbortController().signal,
	);
	try {
		const output = (await setup.node.execute!.call(context)) as INodeExecutionData[][];
		return { items: output[0] ?? [] };
	} catch (error) {
		return { items: [], error: error as RunResult['error'] };
	}
}

/** Calls one of the node's loadOptions methods the way the editor does. */
export async function loadOptions(setup: NodeSetup, method: string): Promise<INodePropertyOptions[]> {
	const { node, workflow, additionalData } = build(setup);
	const context = new LoadOptionsContext(workflow, node, additionalData, '');
	const fn = setup.node.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`No loadOptions method ${method}`);
	return await fn.call(context);
}

/** Runs a polling trigger's poll() once; give `setup.staticData` (the same object each time) to keep state between polls. */
export async function runPoll(setup: NodeSetup, mode: 'manual' | 'trigger' = 'trigger'): Promise<INodeExecutionData[][] | null> {
	const { node, workflow, additionalData } = build(setup);
	const context = new PollContext(workflow, node, additionalData, mode, 'activate');
	return await setup.node.poll!.call(context);
}

/** An input binary property the way n8n holds it in memory (base64 in `data`). */
export function binary(content: Buffer | string, fileName: string, mimeType = 'application/octet-stream'): IBinaryData {
	const buffer = typeof content === 'string' ? Buffer.from(content) : content;
	return { data: buffer.toString('base64'), fileName, mimeType, fileSize: `${buffer.length} B` } as IBinaryData;
}

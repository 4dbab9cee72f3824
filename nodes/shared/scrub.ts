/** Query or form parameters whose values are secrets wherever they appear (URLs in errors, vendor messages). */
const SECRET_PARAMS =
	/([?&;]|\b)(password|sha512password|accesskey|access_key|sessionname|session|_session|token|apikey|api_key|lickey|secret|signature|x-partner-token|x-company-token)=([^&\s"'<>]*)/gi;

/** Removes the given secret values and any secret-looking URL parameters from a text meant for users or logs. */
export function scrub(text: string, secrets: string[] = []): string {
	let result = text.replace(SECRET_PARAMS, (_match, lead: string, name: string) => `${lead}${name}=***`);
	for (const secret of secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
		result = result.split(secret).join('***');
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) result = result.split(encoded).join('***');
	}
	return result.replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer ***');
}

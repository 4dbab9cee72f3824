import { serverHash } from '../seed';
import { okEnvelope, type Area } from './types';

/** users.json: `action=GETSHA512`, the only call that carries the plain password. */
export const usersArea: Area = {
	actions: {
		getsha512: (call) => {
			call.state.counters.hashesIssued++;
			const { user } = call;
			return okEnvelope({
				totalrows: 1,
				totalpages: 1,
				pagerows: 0,
				pagenumber: 1,
				data: [
					{
						userUserId: user.userUserId,
						userUuid: user.userUuid,
						userTimestampModified: user.userTimestampModified,
						userRecordVersionNumber: user.userRecordVersionNumber,
						userPasswordSha512: serverHash(user),
					},
				],
			});
		},
	},
};

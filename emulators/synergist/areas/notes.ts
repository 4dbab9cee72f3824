import { z } from 'zod';

import { activityState } from './activities';
import { JsonFault, inputRows, okEnvelope, type Area } from './types';

/**
 * notes.json?action=update: the secondary owners of an activity, as the reference documents it (against notes.json,
 * version 3.1; activities are "notes" inside Synergist). Changes the activity of activities.json, moving its version
 * and modified time.
 */
const row = z
	.object({
		activityID: z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/)]).transform(Number),
		activitySecondaryOwnersUserID: z.array(z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(Number)),
	})
	.strict();

export const notesArea: Area = {
	actions: {
		update: (call) => {
			const store = activityState(call.state);
			const plans = inputRows(call).map((raw) => {
				const unknown = Object.keys(raw).find((key) => !(key in row.shape));
				if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
				for (const field of ['activityID', 'activitySecondaryOwnersUserID']) {
					if (raw[field] === undefined) throw new JsonFault(2001, `mandatory field ${field} not supplied`);
				}
				const parsed = row.safeParse(raw);
				if (!parsed.success) throw new JsonFault(2004, `invalid value for ${parsed.error.issues[0].path.join('.')}`);
				const activity = store.activities.get(parsed.data.activityID);
				if (!activity || !call.user.companies.includes(activity.company)) throw new JsonFault(2002, `activity ${parsed.data.activityID} not found`);
				const missing = parsed.data.activitySecondaryOwnersUserID.find((id) => !call.state.users.some((u) => u.userUserId === id && !u.disabled));
				if (missing !== undefined) throw new JsonFault(2002, `user ${missing} not found`);
				return { activity, userIds: parsed.data.activitySecondaryOwnersUserID };
			});
			const seconds = Math.floor(call.clock / 1000);
			const data = plans.map(({ activity, userIds }) => {
				activity.secondaryOwners = [...new Set(userIds)];
				activity.version++;
				activity.timestamp = Math.max(seconds, activity.timestamp + 1);
				return {
					activityID: activity.activityID,
					activityuuid: activity.activityuuid,
					activitySecondaryOwnersDescription: activity.secondaryOwners.map((id) => call.state.users.find((u) => u.userUserId === id)!.fullName).join(', '),
					activitySecondaryOwnersUserID: [...activity.secondaryOwners],
					activityTimeStampModified: activity.timestamp,
					activityRecordVersionNumber: activity.version,
				};
			});
			return okEnvelope({ responsemessage: 'data processed successfully.', data });
		},
	},
};

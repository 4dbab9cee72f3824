import { lookupLoader } from './lookups';

/** Dropdowns of the calendar resource. */
export const calendarLoadOptions = {
	/** The users that can be booked (calendar.json?action=users), by full name. */
	getCalendarUsers: lookupLoader({ area: 'calendar', action: 'users', value: 'userUserId', name: 'userFullName', description: (row) => (row.calUserTeamName ? String(row.calUserTeamName) : undefined) }),
};

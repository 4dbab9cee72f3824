import { expenseLinesArea } from './expenselines';
import { expenseSheetsArea } from './expensesheets';
import { jobsArea } from './jobs';
import { purchasesArea } from './purchases';
import { systemArea } from './system';
import { usersArea } from './users';
import { viewsArea } from './views';
import { tspendingArea } from './tspending';
import { attachmentsArea, notesAttachmentsArea } from './attachments';
import { calendarArea } from './calendar';
import { ACTIVITY_AREAS } from './activities';
import { clientContactsArea, clientsArea, organizationsArea } from './clients';
import { companiesArea } from './companies';
import { estimatesArea } from './estimates';
import { menuArea } from './menu';
import { notesArea } from './notes';
import { phasesArea } from './phases';
import { quotesArea } from './quotes';
import { thermosArea } from './thermos';
import { timeArea } from './time';
import type { Area } from './types';

/** The areas the emulator serves, by area name (`jobs` for /jsonapi/jobs.json): one line per area file. */
export const AREAS: Record<string, Area> = {
	system: systemArea,
	users: usersArea,
	views: viewsArea,
	jobs: jobsArea,
	phases: phasesArea,
	clients: clientsArea,
	organizations: organizationsArea,
	clientcontacts: clientContactsArea,
	companies: companiesArea,
	estimates: estimatesArea,
	quotes: quotesArea,
	thermos: thermosArea,
	time: timeArea,
	menu: menuArea,
	notes: notesArea,
	purchases: purchasesArea,
	expenselines: expenseLinesArea,
	expensesheets: expenseSheetsArea,
	tspending: tspendingArea,
	calendar: calendarArea,
	attachments: attachmentsArea,
	notesattachments: notesAttachmentsArea,
	...ACTIVITY_AREAS,
};

import { z } from 'zod';

import { uuidOf } from '../seed';
import { unsignedInt } from '../schemas';
import {
	JsonFault,
	XmlFault,
	areaState,
	badParameter,
	companyOf,
	inputRows,
	normalDate,
	okEnvelope,
	simple,
	written,
	type Area,
	type AreaHandler,
	type Call,
	type SynergistState,
} from './types';

/**
 * calendar.json (resource bookings, "diary" entries): the calendar users, the estimate lines (time summaries) and
 * requisitions that can be booked, the bookings of a date range, one booking's refresh, hiding/showing estimates, and
 * create/update/delete of bookings. Values as the reference's examples: resource IDs as strings, zone-less ISO times.
 */

interface TimeSummary {
	id: number;
	company: number;
	jobPhase: string;
	clientCode: string;
	clientName: string;
	jobDescription: string;
	phaseDescription: string;
	chargeCode: string;
	chargeDescription: string;
	handler: string;
	handlerName: string;
	estimated: number;
	hidden: boolean;
	modified: number;
}

interface Booking {
	diary: number;
	uuid: string;
	company: number;
	resourceId: string;
	timeSummary: number;
	start: string;
	end: string;
	allDay: boolean;
	hours: number;
	modified: number;
	version: number;
}

interface CalendarState {
	summaries: Map<number, TimeSummary>;
	bookings: Map<number, Booking>;
	nextDiary: number;
}

/** A working day's hours: the business rule that caps booking durations. */
const HOURS_PER_DAY = 8;

function seed(): CalendarState {
	const summary = (id: number, jobPhase: string, chargeCode: string, chargeDescription: string, estimated: number): TimeSummary => ({
		id,
		company: Number(jobPhase.split('/')[0]),
		jobPhase,
		clientCode: '1/1DFHTEST',
		clientName: 'SnakeByte Software',
		jobDescription: 'No date dependencies test',
		phaseDescription: 'Design 2t',
		chargeCode,
		chargeDescription,
		handler: 'RS1',
		handlerName: 'Rob Smith',
		estimated,
		hidden: false,
		modified: 1499858513,
	});
	const summaries = [
		summary(1005543, '1/00010481.H01', '1/ALT', 'Amends New', 1),
		summary(1006689, '1/00010481.H01', '1/DES', 'Design', 6),
		summary(1012181, '1/00000510.001', '1/CS', 'Client Services', 8),
		summary(1012213, '8/00800001.001', '8/R1', 'Rail Engineer 1', 2),
	];
	const bookings: Booking[] = [
		{ diary: 56566, uuid: uuidOf('diary:56566'), company: 1, resourceId: '54', timeSummary: 1005543, start: '2017-07-10T14:30:00', end: '2017-07-10T15:45:00', allDay: false, hours: 1.25, modified: 1499858513, version: 0 },
		{ diary: 137353, uuid: uuidOf('diary:137353'), company: 1, resourceId: '54', timeSummary: 1012181, start: '2017-09-29T09:00:00', end: '2017-09-29T17:00:00', allDay: true, hours: 8, modified: 1499858513, version: 0 },
		{ diary: 137463, uuid: uuidOf('diary:137463'), company: 1, resourceId: '256', timeSummary: 1006689, start: '2017-11-07T09:00:00', end: '2017-11-09T11:00:00', allDay: false, hours: 6, modified: 1499858513, version: 0 },
	];
	return { summaries: new Map(summaries.map((s) => [s.id, s])), bookings: new Map(bookings.map((b) => [b.diary, b])), nextDiary: 56570 };
}

const calendar = (state: SynergistState) => areaState(state, 'calendar', seed);

/** Booked hours of an estimate line, over all its bookings. */
const bookedHours = (cal: CalendarState, summary: number) =>
	[...cal.bookings.values()].filter((b) => b.timeSummary === summary).reduce((sum, b) => sum + b.hours, 0);

const dayCount = (start: string, end: string) =>
	Math.max(1, Math.round((Date.parse(`${end.slice(0, 10)}T00:00:00Z`) - Date.parse(`${start.slice(0, 10)}T00:00:00Z`)) / 86_400_000) + 1);

function durationText(booking: Booking): string {
	if (booking.allDay) return `${dayCount(booking.start, booking.end)} day`;
	const days = dayCount(booking.start, booking.end);
	const perDay = booking.hours / days;
	if (days > 1) return `${days} day, ${perDay} hours per day`;
	return `${booking.hours} hour${booking.hours === 1 || booking.hours < 1 ? '' : 's'}`;
}

function unallocatedSummary(cal: CalendarState, summary: TimeSummary) {
	const booked = bookedHours(cal, summary.id);
	return {
		calendarunallocatedunique: `${summary.jobPhase}###${summary.chargeCode}`,
		calendarunallocatedestimated: summary.estimated,
		calendarunallocatedbooked: booked,
		calendarunallocatedremaining: summary.estimated - booked,
		calendarunallocatedtimesheets: 0,
		calendarunallocateddraft: 0,
		calendarunallocatedinitials: 'F0,FC',
	};
}

/** A booking as create/update/calendarrefresh answer it (the reference's full booking row). */
function bookingRow(state: SynergistState, booking: Booking) {
	const cal = calendar(state);
	const summary = cal.summaries.get(booking.timeSummary)!;
	const jobNumber = summary.jobPhase.split('.')[0];
	const days = dayCount(booking.start, booking.end);
	return {
		calUuid: booking.uuid,
		calDiaryInternal: booking.diary,
		calResourceId: booking.resourceId,
		calResourceName: state.users.find((u) => String(u.userUserId) === booking.resourceId)?.fullName ?? '',
		calTimeSummaryInternal: summary.id,
		calClientCode: summary.clientCode,
		calClientName: summary.clientName,
		calJobNumber: jobNumber,
		calJobNumberSimple: simple(jobNumber).replace(/^0+/, ''),
		calJobDescription1stLine: summary.jobDescription,
		calJobHandlerName: summary.handlerName,
		calJobAndPhase: summary.jobPhase,
		calJobPhaseNumberSimple: simple(summary.jobPhase).replace(/^0+/, ''),
		calPhaseDescription1stLine: summary.phaseDescription,
		calStageCode: '',
		calTaskDescription: '',
		calChargeCode: summary.chargeCode,
		calChargeCodeDescription: summary.chargeDescription,
		calDescription: '',
		calNotes: '',
		calStatus: '',
		calRequestStatus: '',
		calStartDate: booking.start.slice(0, 10),
		calStartTime: booking.start.slice(11),
		calEndTime: booking.end.slice(11),
		calIsoDateTimeStart: booking.start,
		calIsoDateTimeEnd: booking.end,
		calAllDay: booking.allDay,
		calColourHex: 'EBFF00',
		calFeedback: 'TODO',
		calWeakLink: 6011,
		...unallocatedSummary(cal, summary),
		calNumberOfDays: String(days),
		calDurationDescription: durationText(booking),
		calHoursPerDay: String(booking.hours / days),
		calTimeStampModified: booking.modified,
		calRecordVersionNumber: booking.version,
	};
}

/** A booking as calendardisplay lists it. */
function displayRow(state: SynergistState, booking: Booking) {
	const full = bookingRow(state, booking);
	return {
		calAllDay: full.calAllDay,
		calChargeCodeDescription: full.calChargeCodeDescription,
		calClientCode: full.calClientCode,
		calClientName: full.calClientName,
		calColourHex: full.calColourHex,
		calDescription: '',
		calDurationDescription: full.calDurationDescription,
		calFeedback: full.calFeedback,
		calHoursPerDay: Number(full.calHoursPerDay),
		calDiaryInternal: booking.diary,
		calIsoDateTimeEnd: booking.end,
		calIsoDateTimeStart: booking.start,
		calJobDescription1stLine: full.calJobDescription1stLine,
		calJobHandlerName: full.calJobHandlerName,
		calJobAndPhase: full.calJobAndPhase,
		calJobPhaseNumberSimple: full.calJobPhaseNumberSimple,
		calJobNumberSimple: full.calJobNumberSimple,
		calNotes: '',
		calRequisitionDetails: '',
		calRequisitionId: 0,
		calRequisitionSubject: '',
		calNumberOfDays: Number(full.calNumberOfDays),
		calPhaseDescription1stLine: full.calPhaseDescription1stLine,
		calRequestStatus: '',
		calResourceId: booking.resourceId,
		calResourceName: full.calResourceName,
		calStatus: '',
		calTaskDescription: '',
		calTimeSummaryInternal: booking.timeSummary,
		calWeakLink: full.calWeakLink,
		calStageCode: '',
		calStageDesc: '',
	};
}

/** The one-page envelope of the calendar lists (they take no page/rows: `pagerows: 0`, everything at once). */
const allRows = (data: unknown[]) => okEnvelope({ totalrows: data.length, totalpages: 1, pagerows: 0, pagenumber: 1, data });

/** `sort`/`direction`/`persistBackendSearch` of the calendar lists (sort may be empty, as in the examples). */
function sorted<T extends Record<string, unknown>>(call: Call, rows: T[]): T[] {
	const { persistbackendsearch, sort, direction } = call.params;
	if (persistbackendsearch !== undefined && !/^[YN]$/i.test(persistbackendsearch)) throw badParameter('persistBackendSearch', persistbackendsearch);
	if (direction !== undefined && direction !== '' && direction !== '1' && direction !== '-1') throw badParameter('direction', direction);
	if (sort === undefined || sort === '') return rows;
	const field = Object.keys(rows[0] ?? {}).find((key) => key.toLowerCase() === sort.toLowerCase());
	if (rows.length > 0 && !field) throw badParameter('sort', sort);
	const sign = direction === '-1' ? -1 : 1;
	return [...rows].sort((a, b) => {
		const [x, y] = [a[field!], b[field!]] as Array<string | number>;
		return x < y ? -sign : x > y ? sign : 0;
	});
}

const users: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const rows = call.state.users
		.filter((u) => !u.disabled && u.companies.includes(company.number))
		.map((u) => ({
			userUuid: u.userUuid,
			userTimestampModified: u.userTimestampModified,
			userRecordVersionNumber: u.userRecordVersionNumber,
			userFullName: u.fullName,
			userUserId: u.userUserId,
			calUserFullNameTZ: u.fullName,
			calUserNonWorkingDaysWeek: 'YNNNNNY',
			calUserAvatarUrl: '/web/images/avatar-blank-192.png',
			calUserTeamName: '',
		}))
		.sort((a, b) => a.userFullName.localeCompare(b.userFullName));
	return allRows(rows);
};

const unallocated: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const cal = calendar(call.state);
	const { job, jobphase, client, search, timestampfrom, timestampto } = call.params;
	for (const [name, value] of Object.entries({ timestampfrom, timestampto })) {
		if (value !== undefined && !unsignedInt.safeParse(value).success) throw badParameter(name, value);
	}
	const rows = [...cal.summaries.values()]
		.filter((s) => s.company === company.number && !s.hidden)
		.filter((s) => job === undefined || s.jobPhase.toLowerCase().startsWith(`${job.toLowerCase()}.`))
		.filter((s) => jobphase === undefined || s.jobPhase.toLowerCase() === jobphase.toLowerCase())
		.filter((s) => client === undefined || s.clientCode.toLowerCase() === client.toLowerCase())
		.filter((s) => timestampfrom === undefined || s.modified >= Number(timestampfrom))
		.filter((s) => timestampto === undefined || s.modified <= Number(timestampto))
		.filter((s) => !search || `${s.jobPhase} ${s.jobDescription} ${s.chargeDescription}`.toLowerCase().includes(search.toLowerCase()))
		.map((s) => {
			const booked = bookedHours(cal, s.id);
			return {
				calBookedSelect: booked,
				calChargeCodeSelect: s.chargeCode,
				calChargeDescSelect: s.chargeDescription,
				calClientSelect: s.clientName,
				calDescriptionSelect: `${s.jobDescription}/${s.phaseDescription}`,
				calDraftSelect: 0,
				calDueDateDescSelect: '',
				calEstimatedSelect: s.estimated,
				calHandlerSelect: s.handler,
				calHandlerNameSelect: s.handlerName,
				calHiddenSelect: 'S',
				calInitialsSelect: 'F0,FC',
				calJobPhaseSelect: s.jobPhase,
				calPrioritySelect: '',
				calRemainingSelect: s.estimated - booked,
				calRequestedSelect: 'F0',
				calRequisitionSelect: '!',
				calStatusSelect: 'Live',
				calTaskDescSelect: '',
				calTeamNameSelect: '1- Studio',
				calTimesheetsSelect: 0,
				calTimeSummarySelect: s.id,
				calUniqueSelect: `${s.jobPhase}###${s.chargeCode}`,
				calStageSelect: '',
				calStageDescriptionSelect: '',
			};
		});
	return allRows(sorted(call, rows));
};

const requisitions: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const rows =
		company.number !== 1
			? []
			: [
					{
						calActionedReqSelect: true,
						calActivityIdReqSelect: 7592,
						calBookedReqSelect: 75,
						calChargeCodeReqSelect: '1/ah',
						calChargeDescReqSelect: 'Account handlers',
						calClientCodeReqSelect: '1/AUTO01',
						calClientNameReqSelect: 'Autoseen',
						calCreatedReqSelect: '2017-08-08',
						calDueDateReqSelect: '2017-08-08',
						calDetailsReqSelect: 'can this get done this afternoon please.',
						calJobDescReqSelect: 'New 3-fold A4 brochure yyyy',
						calJobPhaseReqSelect: '1/00008824.001',
						calPhaseDescReqSelect: 'Test JC',
						calOwnerNameReqSelect: 'Josephine Grantx',
						calOwnerIdReqSelect: 152,
						calHoursReqSelect: 2,
						calResourceIdReqSelect: '1/AAC',
						calResourceNameReqSelect: 'Aaron Cronshaw',
						calSubjectReqSelect: 'amends',
						calUuidReqSelect: '5238214A6996894FAED448F3A51F251C',
						calStageCodeReqSelect: '',
						calStageDescReqSelect: '',
					},
				];
	return allRows(sorted(call, rows));
};

function dateParam(call: Call, name: string): string {
	const raw = call.params[name];
	if (raw === undefined || raw === '') throw new XmlFault(404504, `${name} not specified`);
	const date = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(raw) ? normalDate(raw) : undefined;
	if (!date) throw badParameter(name, raw);
	return date;
}

const calendarDisplay: AreaHandler = (call) => {
	const company = companyOf(call, true)!;
	const from = dateParam(call, 'datefrom');
	const to = dateParam(call, 'dateto');
	if (to < from) throw badParameter('dateto', call.params.dateto);
	const rows = [...calendar(call.state).bookings.values()]
		.filter((b) => b.company === company.number && b.start.slice(0, 10) <= to && b.end.slice(0, 10) >= from)
		.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.diary - b.diary))
		.map((b) => displayRow(call.state, b));
	return allRows(rows);
};

function idParam(call: Call, name: string): number {
	const raw = call.params[name];
	if (raw === undefined || raw === '') throw new XmlFault(404504, `${name} not specified`);
	if (!unsignedInt.safeParse(raw).success || Number(raw) === 0) throw badParameter(name, raw);
	return Number(raw);
}

const calendarRefresh: AreaHandler = (call) => {
	const company = companyOf(call, false);
	const booking = calendar(call.state).bookings.get(idParam(call, 'diary'));
	if (!booking || (company && booking.company !== company.number)) throw new JsonFault(2002, `diary ${call.params.diary} not found`);
	return written([bookingRow(call.state, booking)]);
};

const timeSummaryVisibility =
	(hidden: boolean): AreaHandler =>
	(call) => {
		const company = companyOf(call, false);
		const summary = calendar(call.state).summaries.get(idParam(call, 'timesummary'));
		if (!summary || (company && summary.company !== company.number)) throw new JsonFault(2002, `time summary ${call.params.timesummary} not found`);
		summary.hidden = hidden;
		// the reference answers "shown" for hide too
		return written(undefined, '1 of 1 time summaries shown.');
	};

const isoDateTime = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/)
	.refine((value) => normalDate(value.slice(0, 10)) !== undefined);
const idLike = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/)]);
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]);

const createRow = z
	.object({
		calTimeSummaryInternal: idLike,
		calIsoDateTimeStart: isoDateTime,
		calIsoDateTimeEnd: isoDateTime,
		calDurationDecimalHours: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]),
		calResourceId: idLike,
	})
	.strict();
const updateRow = z
	.object({
		calDiaryInternal: idLike,
		calIsoDateTimeStart: isoDateTime,
		calIsoDateTimeEnd: isoDateTime,
		calAllDay: flag,
		calResourceId: idLike,
	})
	.strict();
const deleteRow = z.object({ diary_diaryinternal: idLike }).strict();

/** The row against a strict schema: unknown fields (2005), missing mandatory ones (2001), bad values (2004). */
function checked<T extends z.ZodRawShape>(schema: z.ZodObject<T, 'strict'>, raw: Record<string, unknown>): z.infer<z.ZodObject<T, 'strict'>> {
	const unknown = Object.keys(raw).find((key) => !(key in schema.shape));
	if (unknown) throw new JsonFault(2005, `unknown field ${unknown}`);
	const missing = Object.keys(schema.shape).find((key) => raw[key] === undefined || raw[key] === '');
	if (missing) throw new JsonFault(2001, `mandatory field ${missing} not supplied`);
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new JsonFault(2004, `invalid value for ${parsed.error.issues[0].path.join('.')}`);
	return parsed.data;
}

function withTime(value: string, fallback: string): string {
	return value.length === 10 ? `${value}T${fallback}` : value.length === 16 ? `${value}:00` : value;
}

function resourceOf(call: Call, raw: number | string, company: number): string {
	const user = call.state.users.find((u) => String(u.userUserId) === String(raw) && !u.disabled && u.companies.includes(company));
	if (!user) throw new JsonFault(2002, `resource ${String(raw)} not found`);
	return String(user.userUserId);
}

const create: AreaHandler = (call) => {
	const company = companyOf(call, false);
	const cal = calendar(call.state);
	const rows = inputRows(call).map((raw) => {
		const row = checked(createRow, raw);
		const summary = cal.summaries.get(Number(row.calTimeSummaryInternal));
		if (!summary || (company && summary.company !== company.number)) throw new JsonFault(2002, `time summary ${String(row.calTimeSummaryInternal)} not found`);
		const noTimes = row.calIsoDateTimeStart.length === 10 && row.calIsoDateTimeEnd.length === 10;
		const start = withTime(row.calIsoDateTimeStart, '09:00:00');
		let end = withTime(row.calIsoDateTimeEnd, '17:00:00');
		if (end < start) throw new JsonFault(2004, 'invalid value for calIsoDateTimeEnd');
		const days = dayCount(start, end);
		// business rule: the duration is capped to the working hours of the days booked (its sign is ignored)
		const hours = Math.min(Math.abs(Number(row.calDurationDecimalHours)), days * HOURS_PER_DAY);
		const allDay = noTimes && hours === days * HOURS_PER_DAY;
		if (!noTimes && days === 1) {
			const [h, m] = start.slice(11, 16).split(':').map(Number);
			const minutes = h * 60 + m + Math.round(hours * 60);
			end = `${start.slice(0, 10)}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
		}
		const diary = cal.nextDiary++;
		const booking: Booking = {
			diary,
			uuid: uuidOf(`diary:${diary}`),
			company: summary.company,
			resourceId: resourceOf(call, row.calResourceId, summary.company),
			timeSummary: summary.id,
			start,
			end,
			allDay,
			hours,
			modified: Math.floor(call.clock / 1000),
			version: 0,
		};
		return booking;
	});
	for (const booking of rows) cal.bookings.set(booking.diary, booking);
	return written(rows.map((b) => bookingRow(call.state, b)));
};

const update: AreaHandler = (call) => {
	const company = companyOf(call, false);
	const cal = calendar(call.state);
	const planned = inputRows(call).map((raw) => {
		const row = checked(updateRow, raw);
		const booking = cal.bookings.get(Number(row.calDiaryInternal));
		if (!booking || (company && booking.company !== company.number)) throw new JsonFault(2002, `diary ${String(row.calDiaryInternal)} not found`);
		const allDay = row.calAllDay === true || row.calAllDay === 'true';
		const start = withTime(row.calIsoDateTimeStart, '09:00:00');
		const end = withTime(row.calIsoDateTimeEnd, '17:00:00');
		if (end < start) throw new JsonFault(2004, 'invalid value for calIsoDateTimeEnd');
		return { booking, start, end, allDay, resourceId: resourceOf(call, row.calResourceId, booking.company) };
	});
	for (const { booking, start, end, allDay, resourceId } of planned) {
		const days = dayCount(start, end);
		booking.start = start;
		booking.end = end;
		booking.allDay = allDay;
		booking.resourceId = resourceId;
		booking.hours = allDay ? days * HOURS_PER_DAY : days > 1 ? booking.hours : (Date.parse(`${end}Z`) - Date.parse(`${start}Z`)) / 3_600_000;
		booking.modified = Math.floor(call.clock / 1000);
		booking.version++;
	}
	return written(planned.map(({ booking }) => bookingRow(call.state, booking)));
};

const remove: AreaHandler = (call) => {
	const company = companyOf(call, false);
	const cal = calendar(call.state);
	const bookings = inputRows(call).map((raw) => {
		const row = checked(deleteRow, raw);
		const booking = cal.bookings.get(Number(row.diary_diaryinternal));
		if (!booking || (company && booking.company !== company.number)) throw new JsonFault(2002, `diary ${String(row.diary_diaryinternal)} not found`);
		return booking;
	});
	for (const booking of bookings) cal.bookings.delete(booking.diary);
	return written(
		bookings.map((booking) => ({
			calDiaryInternal: booking.diary,
			calUuid: booking.uuid,
			...unallocatedSummary(cal, cal.summaries.get(booking.timeSummary)!),
		})),
	);
};

export const calendarArea: Area = {
	actions: {
		users,
		unallocated,
		requisitions,
		calendardisplay: calendarDisplay,
		calendarrefresh: calendarRefresh,
		timesummaryshow: timeSummaryVisibility(false),
		timesummaryhide: timeSummaryVisibility(true),
		create,
		update,
		delete: remove,
	},
};

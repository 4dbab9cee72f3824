import { jobsArea } from './jobs';
import { systemArea } from './system';
import { usersArea } from './users';
import { viewsArea } from './views';
import type { Area } from './types';

/** The areas the emulator serves, by area name (`jobs` for /jsonapi/jobs.json): one line per area file. */
export const AREAS: Record<string, Area> = {
	system: systemArea,
	users: usersArea,
	views: viewsArea,
	jobs: jobsArea,
};

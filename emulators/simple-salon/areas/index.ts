import type { AreaFactory } from './types';

/** Every area of the API beyond the core (login/refresh/switch/logout, clients, appointments in ../index.ts). */
export const AREAS: AreaFactory[] = [];

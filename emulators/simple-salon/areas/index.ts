import { appointmentArea } from './appointment';
import { clientArea } from './client';
import { servicesArea } from './services';
import { staffArea } from './staff';
import { accountingArea } from './accounting';
import { billingArea } from './billing';
import { lookupsArea } from './lookups';
import { messagingArea } from './messaging';
import { onlineBookingArea } from './online-booking';
import { posArea } from './pos';
import { productsArea } from './products';
import { membershipsArea } from './memberships';
import { packagesArea } from './packages';
import { vouchersArea } from './vouchers';
import type { AreaFactory } from './types';

/** Every area of the API beyond the core (login, refresh, switch, logout and version in ../index.ts). */
export const AREAS: AreaFactory[] = [appointmentArea, clientArea, staffArea, servicesArea, billingArea, messagingArea, accountingArea, lookupsArea, onlineBookingArea, productsArea, posArea, membershipsArea, packagesArea, vouchersArea];

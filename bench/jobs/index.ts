import type { BenchVendor, Vendor } from '../types';
import { vendor as simpleSalon } from './simple-salon';
import { vendor as simpleSimon } from './simple-simon';
import { vendor as simplyCrm } from './simply-crm';
import { vendor as synergist } from './synergist';

/** Every vendor the bench knows, in the order the table lists them. */
export const vendors: BenchVendor[] = [simpleSimon, simplyCrm, simpleSalon, synergist];

export const vendorNames: Vendor[] = vendors.map((vendor) => vendor.vendor);

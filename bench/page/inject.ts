// Entry of the IIFE bundle that bench/cases/appCase.ts and scanPunch.ts evaluate inside the real
// app's page (same origin as the app's IndexedDB): seeding with raw IndexedDB, and the scan/punch driver. It contains
// no Dexie and touches nothing of the app but its database and DOM.

import { scanAndPunch } from './appDriver';
import { scanWithCameraAndPunch } from './cameraDriver';
import { countRows, memberSpec, seedRaw } from './seedData';

const api = { seedRaw, countRows, memberSpec, scanAndPunch, scanWithCameraAndPunch };

export type InjectedBench = typeof api;

declare global {
  interface Window {
    punchlineBench?: InjectedBench;
  }
}

window.punchlineBench = api;

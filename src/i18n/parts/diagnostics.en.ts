import { registerMessages } from '..';

// Strings of the diagnostics panel: they load with it.

export const diagnosticsEn = {
  'diag.title': 'Diagnostics',
  'diag.version': 'App version',
  'diag.persisted': 'Storage kept by the browser',
  'diag.persistedYes': 'Yes (persistent)',
  'diag.persistedNo': 'No (the browser may clear it when space runs low)',
  'diag.usage': 'Storage used',
  'diag.usageValue': '{used} of {quota}',
  'diag.unknown': 'Unknown',
  'diag.members': 'Members on this tablet',
  'diag.pending': 'Changes waiting to sync',
  'diag.device': 'Tablet id',
  'diag.online': 'Network',
  'diag.onlineYes': 'Online',
  'diag.onlineNo': 'Offline',
  'diag.close': 'Close',
} as const;

registerMessages('en', diagnosticsEn);

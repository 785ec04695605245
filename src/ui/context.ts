import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DbContext } from '../db/context';
import type { CardActions } from '../state/cardActions';
import type { SettingsActions } from '../state/settingsActions';
import type { OwnerActions } from '../state/ownerActions';
import type { ScanActions } from '../state/scanActions';
import type { SyncActions } from '../state/syncActions';
import type { TillActions } from '../state/tillActions';
import type { TillStore } from '../state/store';

export interface AppServices {
  ctx: DbContext;
  store: TillStore;
  actions: TillActions & SyncActions & ScanActions & CardActions & SettingsActions & OwnerActions;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <AppContext.Provider>');
  return services;
}

import { getProgram, getShop } from '../../db/settingsRepository';
import { useApp } from '../context';
import { useLive } from './useLive';

export function useProgram() {
  const { ctx } = useApp();
  return useLive(() => getProgram(ctx), [ctx]);
}

export function useShop() {
  const { ctx } = useApp();
  return useLive(() => getShop(ctx), [ctx]);
}

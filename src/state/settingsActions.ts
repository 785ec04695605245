import { isDomainError } from '../core/errors';
import type { ProgramImpact } from '../core/programImpact';
import type { DbContext } from '../db/context';
import type { NewCouponBatch } from '../db/couponRepository';
import type { SettingsChange } from '../db/settingsChanges';
import { t } from '../i18n';
import { actionErrorOf, type ActionError } from './actionError';
import { isOwnerSessionOpen } from './ownerActions';
import { isSettingsField, settingsFieldLabel } from './settingsLabels';
import { makeFeedback, type TillStore } from './store';

// The owner's changes: the program, the shop, campaign coupons. Their repositories (and the
// validation library) load with the owner area, never with the till.

export function createSettingsActions(ctx: DbContext, store: TillStore, hooks: { afterWrite?: () => void } = {}) {
  const set = store.setState;
  const ownerSessionOpen = () => isOwnerSessionOpen(store.getState(), ctx.now());

  return {
    /** What a new stamp card would do to members now; undefined while the input is not valid. */
    async previewProgramChange(change: SettingsChange['program']): Promise<ProgramImpact | undefined> {
      const { previewProgramChange } = await import('../db/settingsChanges');
      try {
        return await previewProgramChange(ctx, change);
      } catch (error) {
        if (isDomainError(error)) return undefined;
        throw error;
      }
    },

    async saveSettings(change: SettingsChange): Promise<boolean> {
      // The form is shown only behind the PIN; the action refuses too if the session has lapsed.
      if (!ownerSessionOpen()) {
        set({ settingsOpen: false, feedback: makeFeedback('error', 'owner.locked') });
        return false;
      }
      try {
        const { saveSettings } = await import('../db/settingsChanges');
        await saveSettings(ctx, change);
      } catch (error) {
        if (isDomainError(error) && error.code === 'settings.invalid' && isSettingsField(error.params.field)) {
          set({ feedback: makeFeedback('error', 'settings.invalidField', { label: t(settingsFieldLabel(error.params.field, change.program.mode)) }) });
        } else {
          const { key, params } = actionErrorOf(error, 'error.storage');
          set({ feedback: makeFeedback('error', key, params) });
        }
        return false;
      }
      hooks.afterWrite?.();
      set({ settingsOpen: false, feedback: makeFeedback('success', 'settings.saved') });
      return true;
    },

    /** A new batch of coupon codes; on success its printable sheet opens. Errors come back for the form. */
    async createCouponBatch(input: NewCouponBatch): Promise<ActionError | undefined> {
      if (!ownerSessionOpen()) return { key: 'owner.locked', params: {} };
      try {
        const { createCouponBatch } = await import('../db/couponRepository');
        const batch = await createCouponBatch(ctx, input);
        hooks.afterWrite?.();
        set({ settingsOpen: false, cardView: { kind: 'coupons', batchId: batch.id } });
        return undefined;
      } catch (error) {
        return actionErrorOf(error, 'error.storage');
      }
    },

    printCoupons(batchId: string): void {
      set({ settingsOpen: false, cardView: { kind: 'coupons', batchId } });
    },
  };
}

export type SettingsActions = ReturnType<typeof createSettingsActions>;

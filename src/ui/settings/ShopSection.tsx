import type { Ref } from 'preact';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { settingsFieldLabel } from '../../state/settingsLabels';
import { TextInput } from './fields';

export interface ShopForm {
  name: string;
  country: string;
  currency: string;
}

/** The shop: its name, the country for phone numbers, the currency amounts are typed in. */
export function ShopSection({ shop, set, firstRef }: { shop: ShopForm; set: (patch: Partial<ShopForm>) => void; firstRef: Ref<HTMLInputElement> }) {
  return (
    <>
      <TextInput inputRef={firstRef} label={t(settingsFieldLabel('name'))} name="name" maxLength={80} value={shop.name} onInput={(name) => set({ name })} />
      <TextInput label={t(settingsFieldLabel('country'))} name="country" maxLength={2} value={shop.country} onInput={(country) => set({ country })} />
      <TextInput label={t(settingsFieldLabel('currency'))} name="currency" maxLength={3} value={shop.currency} onInput={(currency) => set({ currency })} />
    </>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { changesRewards } from '../../core/programImpact';
import type { LoyaltyProgram, ShopSettings } from '../../core/types';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { useApp } from '../context';
import { useProgram, useShop } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';
import { ChangePinSection } from '../owner/ChangePinSection';
import { LockButton } from '../owner/LockButton';
import { ConnectSection } from '../sync/ConnectSection';
import { BackupSection } from './BackupSection';
import { BlankCardsSection } from './BlankCardsSection';
import { CatalogueEditor } from './CatalogueEditor';
import { CouponsSection } from './CouponsSection';
import { ExpirySection } from './ExpirySection';
import { LimitsSection } from './LimitsSection';
import { MembersExportSection } from './MembersExportSection';
import { MembersImportSection } from './MembersImportSection';
import { PointsSection } from './PointsSection';
import { ProgramImpactNote } from './ProgramImpactNote';
import { ProgramModeSection } from './ProgramModeSection';
import { programFormOf, programInputOf, withMode, type ProgramForm } from './programForm';
import { ShopSection, type ShopForm } from './ShopSection';
import { StampCardSection } from './StampCardSection';
import { TiersEditor } from './TiersEditor';
import './settings.css';

// One form, one Save: the shop and the program, in sections of the chosen kind of program. The
// coupons, blank cards, connect and PIN sections below have forms of their own.

function SettingsForm({ program, shop }: { program: LoyaltyProgram; shop: ShopSettings }) {
  const { actions } = useApp();
  const first = useRef<HTMLInputElement>(null);
  const [shopForm, setShopForm] = useState<ShopForm>({ name: shop.name, country: shop.country, currency: shop.currency });
  const [form, setForm] = useState<ProgramForm>(() => programFormOf(program, shop.currency));
  const pairing = useTillState((s) => s.pairingPrefill !== undefined);
  // Opened by a scanned pairing QR, the connect button takes the focus instead.
  useEffect(() => {
    if (!pairing) first.current?.focus();
  }, []);

  const set = (patch: Partial<ProgramForm>) => setForm((current) => ({ ...current, ...patch }));
  const setShop = (patch: Partial<ShopForm>) => setShopForm((current) => ({ ...current, ...patch }));
  const currency = shopForm.currency;
  const sectionProps = { form, set, currency };

  const programInput = programInputOf(form, currency);

  function submit(event: Event) {
    event.preventDefault();
    void actions.saveSettings({ shop: { ...shopForm, locale: shop.locale }, program: programInput });
  }

  return (
    <div class="dialog dialog--settings" role="dialog" aria-modal="true" aria-labelledby="settings-title">
      <div class="dialog__header">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <LockButton />
      </div>
      <form class="dialog__form" onSubmit={submit} noValidate>
        <ShopSection shop={shopForm} set={setShop} firstRef={first} />
        <ProgramModeSection mode={form.mode} onChange={(mode) => setForm((current) => withMode(current, mode))} />
        {form.mode === 'stamps' ? <StampCardSection {...sectionProps} /> : <PointsSection {...sectionProps} />}
        {form.mode === 'points' && <CatalogueEditor rows={form.catalogue} onChange={(catalogue) => set({ catalogue })} />}
        <TiersEditor {...sectionProps} />
        <ExpirySection form={form} set={set} />
        <LimitsSection form={form} set={set} />
        {changesRewards(program, { ...program, ...programInput }) && <ProgramImpactNote change={programInput} />}
        <div class="dialog__actions">
          <button type="button" class="button button--secondary button--large" onClick={() => actions.toggleSettings(false)}>
            {t('settings.cancel')}
          </button>
          <button type="submit" class="button button--primary button--large">
            {t('settings.save')}
          </button>
        </div>
      </form>
      <CouponsSection />
      <BlankCardsSection />
      <MembersExportSection />
      <MembersImportSection />
      <ConnectSection />
      <BackupSection />
      <ChangePinSection />
    </div>
  );
}

/** The shop and its loyalty program, coupons and the tablet's owner tools; shown only behind the owner PIN (ui/owner/OwnerArea). */
export function SettingsDialog() {
  const program = useProgram();
  const shop = useShop();
  return program && shop ? <SettingsForm program={program} shop={shop} /> : null;
}

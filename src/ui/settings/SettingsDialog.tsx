import { useEffect, useRef, useState } from 'preact/hooks';
import type { ShopSettings, StampProgram } from '../../core/types';
import { t } from '../../i18n';
import { SETTINGS_FIELD_LABELS, type SettingsField } from '../../state/settingsLabels';
import { useApp } from '../context';
import { useProgram, useShop } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';
import { ChangePinSection } from '../owner/ChangePinSection';
import { LockButton } from '../owner/LockButton';
import { ConnectSection } from '../sync/ConnectSection';
import { BlankCardsSection } from './BlankCardsSection';
import { ProgramImpactNote } from './ProgramImpactNote';

type NumberField = Extract<SettingsField, 'goal' | 'stampsPerPurchase' | 'welcomeBonusStamps' | 'cooldownMinutes' | 'maxStampsPerPunch' | 'dailyCap'>;
type TextField = Exclude<SettingsField, NumberField>;

function SettingsForm({ program, shop }: { program: StampProgram; shop: ShopSettings }) {
  const { actions } = useApp();
  const first = useRef<HTMLInputElement>(null);
  const [text, setText] = useState<Record<TextField, string>>({
    name: shop.name,
    country: shop.country,
    currency: shop.currency,
    rewardName: program.rewardName,
  });
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    goal: String(program.goal),
    stampsPerPurchase: String(program.stampsPerPurchase),
    welcomeBonusStamps: String(program.welcomeBonusStamps),
    cooldownMinutes: String(program.cooldownMinutes),
    maxStampsPerPunch: String(program.maxStampsPerPunch),
    dailyCap: String(program.dailyCap),
  });
  const pairing = useTillState((s) => s.pairingPrefill !== undefined);
  // Opened by a scanned pairing QR, the connect button takes the focus instead.
  useEffect(() => {
    if (!pairing) first.current?.focus();
  }, []);

  const number = (field: NumberField) => (numbers[field].trim() === '' ? Number.NaN : Number(numbers[field]));
  const programChange = () => ({
    goal: number('goal'),
    rewardName: text.rewardName,
    stampsPerPurchase: number('stampsPerPurchase'),
    welcomeBonusStamps: number('welcomeBonusStamps'),
    cooldownMinutes: number('cooldownMinutes'),
    maxStampsPerPunch: number('maxStampsPerPunch'),
    dailyCap: number('dailyCap'),
  });

  function submit(event: Event) {
    event.preventDefault();
    void actions.saveSettings({
      shop: { name: text.name, country: text.country, currency: text.currency, locale: shop.locale },
      program: programChange(),
    });
  }

  const textInput = (field: TextField, maxLength: number) => (
    <label class="field" key={field}>
      <span class="field__label">{t(SETTINGS_FIELD_LABELS[field])}</span>
      <input
        ref={field === 'name' ? first : undefined}
        class="field__input"
        name={field}
        maxLength={maxLength}
        value={text[field]}
        onInput={(e) => setText({ ...text, [field]: e.currentTarget.value })}
      />
    </label>
  );
  const numberInput = (field: NumberField) => (
    <label class="field" key={field}>
      <span class="field__label">{t(SETTINGS_FIELD_LABELS[field])}</span>
      <input
        class="field__input"
        name={field}
        type="number"
        inputMode="numeric"
        value={numbers[field]}
        onInput={(e) => setNumbers({ ...numbers, [field]: e.currentTarget.value })}
      />
    </label>
  );

  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="settings-title">
      <div class="dialog__header">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <LockButton />
      </div>
      <form class="dialog__form" onSubmit={submit} noValidate>
      {textInput('name', 80)}
      {textInput('country', 2)}
      {textInput('currency', 3)}
      {numberInput('goal')}
      {number('goal') !== program.goal && <ProgramImpactNote change={programChange()} />}
      {textInput('rewardName', 60)}
      {numberInput('stampsPerPurchase')}
      {numberInput('welcomeBonusStamps')}
      <fieldset class="dialog__fieldset">
        <legend>{t('settings.limits')}</legend>
        {numberInput('cooldownMinutes')}
        {numberInput('maxStampsPerPunch')}
        {numberInput('dailyCap')}
      </fieldset>
      <div class="dialog__actions">
        <button type="button" class="button button--secondary button--large" onClick={() => actions.toggleSettings(false)}>
          {t('settings.cancel')}
        </button>
        <button type="submit" class="button button--primary button--large">
          {t('settings.save')}
        </button>
      </div>
      </form>
      <BlankCardsSection />
      <ConnectSection />
      <ChangePinSection />
    </div>
  );
}

/** The shop's name and country and the stamp card's rules; shown only behind the owner PIN (ui/owner/OwnerArea). */
export function SettingsDialog() {
  const program = useProgram();
  const shop = useShop();
  return program && shop ? <SettingsForm program={program} shop={shop} /> : null;
}

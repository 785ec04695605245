import { useEffect, useRef, useState } from 'preact/hooks';
import type { ShopSettings, StampProgram } from '../../core/types';
import { t } from '../../i18n';
import { SETTINGS_FIELD_LABELS, type SettingsField } from '../../state/settingsLabels';
import { useApp } from '../context';
import { useProgram, useShop } from '../hooks/useProgram';
import { useTillState } from '../hooks/useTillState';
import { ConnectSection } from '../sync/ConnectSection';
import { BlankCardsSection } from './BlankCardsSection';

type NumberField = Extract<SettingsField, 'goal' | 'welcomeBonusStamps' | 'cooldownMinutes'>;
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
    welcomeBonusStamps: String(program.welcomeBonusStamps),
    cooldownMinutes: String(program.cooldownMinutes),
  });
  const pairing = useTillState((s) => s.pairingPrefill !== undefined);
  // Opened by a scanned pairing QR, the connect button takes the focus instead.
  useEffect(() => {
    if (!pairing) first.current?.focus();
  }, []);

  function submit(event: Event) {
    event.preventDefault();
    const number = (field: NumberField) => (numbers[field].trim() === '' ? Number.NaN : Number(numbers[field]));
    void actions.saveSettings({
      shop: { name: text.name, country: text.country, currency: text.currency, locale: shop.locale },
      program: {
        goal: number('goal'),
        rewardName: text.rewardName,
        welcomeBonusStamps: number('welcomeBonusStamps'),
        cooldownMinutes: number('cooldownMinutes'),
      },
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
      <h2 id="settings-title">{t('settings.title')}</h2>
      <form class="dialog__form" onSubmit={submit} noValidate>
      {textInput('name', 80)}
      {textInput('country', 2)}
      {textInput('currency', 3)}
      {numberInput('goal')}
      {textInput('rewardName', 60)}
      {numberInput('welcomeBonusStamps')}
      {numberInput('cooldownMinutes')}
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
    </div>
  );
}

/** The shop's name and country and the stamp card's rules (an owner PIN guards it from issue 5 on). */
export function SettingsDialog() {
  const program = useProgram();
  const shop = useShop();
  return program && shop ? <SettingsForm program={program} shop={shop} /> : null;
}

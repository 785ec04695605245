import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { pointsForAmount } from '../../core/points';
import type { MemberStanding } from '../../core/standing';
import { multiplierPercent } from '../../core/tiers';
import type { LoyaltyProgram } from '../../core/types';
import { formatMoney, formatMultiplier, pointsParams, t } from '../../i18n';
import '../../i18n/parts/points.en';
import { useApp } from '../context';
import { useTillState } from '../hooks/useTillState';
import { applyKeypadKey, KEYPAD_DIGITS, keypadKeyOf, keypadLimit, KeypadTyping, type KeypadKey } from './keypad';

// A member in points mode (a lazy chunk, preloaded when the program is in points mode): the
// balance, the amount keypad that earns points, and the rewards catalogue.

interface Props {
  memberId: string;
  program: LoyaltyProgram;
  standing: MemberStanding;
  currency: string;
}

export function PointsPanel({ memberId, program, standing, currency }: Props) {
  const balance = standing.balance.points;
  return (
    <div class="points">
      <p class="points__balance" data-points={balance}>
        <span class="points__balance-label">{t('points.balanceLabel')}</span>
        <strong class="points__balance-value">{t('points.count', pointsParams(balance))}</strong>
      </p>
      <AmountKeypad memberId={memberId} program={program} standing={standing} currency={currency} />
      <Rewards memberId={memberId} program={program} standing={standing} />
    </div>
  );
}

/** Back to the keypad after a tap, so the keyboard types the next amount. */
function focusKeypad(): void {
  document.getElementById('points-keypad')?.focus({ preventScroll: true });
}

function AmountKeypad({ memberId, program, standing, currency }: Props) {
  const { store, actions } = useApp();
  const amount = useTillState((s) => s.purchaseAmountMinor);
  const busy = useTillState((s) => s.writesInFlight > 0);
  const asking = useTillState((s) => s.cooldownPrompt !== undefined);
  const [refused, setRefused] = useState(false);
  const typing = useRef(new KeypadTyping());
  const limit = keypadLimit(program.maxPurchaseMinor);
  const multiplier = multiplierPercent(standing.tier);
  const earns = pointsForAmount(amount, program, multiplier);
  const tier = standing.tier.level;

  // The keypad takes the keyboard when a member opens, and again once the cooldown question is answered.
  useEffect(() => {
    if (!asking) focusKeypad();
  }, [memberId, asking]);

  function setAmount(next: number): void {
    setRefused(false);
    if (next !== store.getState().purchaseAmountMinor) actions.setPurchaseAmount(next);
  }

  function press(key: KeypadKey): void {
    // The store, not the render's copy: keys may come faster than renders.
    const next = applyKeypadKey(store.getState().purchaseAmountMinor, key, limit);
    if (next === undefined) setRefused(true);
    else setAmount(next);
  }

  function add(): void {
    const { purchaseAmountMinor, writesInFlight } = store.getState();
    if (purchaseAmountMinor > 0 && writesInFlight === 0) void actions.earnForPurchase(memberId, purchaseAmountMinor);
  }

  function onKeyDown(event: TargetedKeyboardEvent<HTMLDivElement>): void {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    // On one of the keypad's buttons, Enter and Space press that button.
    const onKeypad = event.target === event.currentTarget;
    if (event.key === 'Enter') {
      const verdict = typing.current.enter(event.timeStamp);
      if (verdict.kind === 'scanner') setAmount(verdict.amountMinor);
      else if (onKeypad) add();
      if (verdict.kind === 'scanner' || onKeypad) event.preventDefault();
      return;
    }
    const key = keypadKeyOf(event.key);
    if (event.key.length === 1) {
      // A scanner's burst becomes a scan (wedge listener): what it typed here is taken back.
      const verdict = typing.current.character(store.getState().purchaseAmountMinor, event.timeStamp);
      if (verdict.kind === 'scanner') {
        setAmount(verdict.amountMinor);
        return;
      }
    } else {
      typing.current.other();
    }
    if (key) press(key);
    if (key || (onKeypad && event.key === ' ')) event.preventDefault();
  }

  function tap(key: KeypadKey): void {
    press(key);
    focusKeypad();
  }

  return (
    <div id="points-keypad" class="keypad" tabIndex={0} role="group" aria-label={t('points.keypadLabel')} onKeyDown={onKeyDown}>
      <div class="keypad__display">
        <span class="keypad__label" id="points-amount-label">
          {t('points.amountLabel')}
        </span>
        <output class="keypad__amount" aria-labelledby="points-amount-label" aria-live="polite" data-amount-minor={amount}>
          {formatMoney(amount, currency)}
        </output>
        <span class="keypad__preview">
          {tier && multiplier > 100
            ? t('points.earnsAtTier', { ...pointsParams(earns), tier: tier.name, multiplier: formatMultiplier(multiplier) })
            : t('points.earns', pointsParams(earns))}
        </span>
        {refused && (
          <span class="keypad__refused" role="alert">
            {t('points.tooLarge', { amount: formatMoney(limit, currency) })}
          </span>
        )}
      </div>
      <div class="keypad__keys">
        <button type="button" class="button keypad__key keypad__key--clear" aria-label={t('points.clearLabel')} onClick={() => tap('clear')}>
          {t('points.clear')}
        </button>
        <button type="button" class="button keypad__key" aria-label={t('points.backspace')} onClick={() => tap('back')}>
          ⌫
        </button>
        {KEYPAD_DIGITS.map((key) => (
          <button key={key} type="button" class={key === '00' ? 'button keypad__key keypad__key--wide' : 'button keypad__key'} onClick={() => tap(key)}>
            {key}
          </button>
        ))}
      </div>
      <button
        type="button"
        class="button button--primary button--huge keypad__add"
        disabled={amount === 0 || busy}
        onClick={() => {
          add();
          focusKeypad();
        }}
      >
        {t('points.add', pointsParams(earns))}
      </button>
    </div>
  );
}

function Rewards({ memberId, program, standing }: Omit<Props, 'currency'>) {
  const { actions } = useApp();
  const busy = useTillState((s) => s.writesInFlight > 0);
  const balance = standing.balance.points;
  const affordable = new Set(standing.affordable.map((reward) => reward.id));
  const nextReward = program.catalogue.filter((reward) => !affordable.has(reward.id)).sort((a, b) => a.cost - b.cost)[0];
  return (
    <section class="rewards" aria-labelledby="rewards-title">
      <h3 id="rewards-title" class="rewards__title">
        {t('points.rewards')}
      </h3>
      {program.catalogue.length === 0 && <p class="rewards__empty">{t('points.noRewards')}</p>}
      <ul class="rewards__list">
        {program.catalogue.map((reward) => (
          <li key={reward.id} class={affordable.has(reward.id) ? 'reward reward--affordable' : 'reward'} data-reward-id={reward.id}>
            <span class="reward__name">{reward.name}</span>
            <span class="reward__cost">{t('points.count', pointsParams(reward.cost))}</span>
            <button
              type="button"
              class="button button--secondary reward__redeem"
              aria-label={t('member.redeem', { reward: reward.name })}
              disabled={!affordable.has(reward.id) || busy}
              onClick={() => {
                void actions.redeem(memberId, reward.id);
                focusKeypad();
              }}
            >
              {t('points.redeem')}
            </button>
          </li>
        ))}
      </ul>
      {nextReward && <p class="rewards__next">{t('points.missing', { ...pointsParams(nextReward.cost - balance), reward: nextReward.name })}</p>}
    </section>
  );
}

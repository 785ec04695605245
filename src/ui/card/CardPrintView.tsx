import { useState } from 'preact/hooks';
import { getMemberCard } from '../../db/memberRepository';
import { t } from '../../i18n';
import '../../i18n/parts/cards.en';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useShop } from '../hooks/useProgram';
import { PrintableCard } from './PrintableCard';
import { PrintView } from './PrintView';

/** A member's card on a page of its own size, with or without their name. */
export function CardPrintView({ memberId }: { memberId: string }) {
  const { ctx } = useApp();
  const card = useLive(() => getMemberCard(ctx, memberId), [ctx, memberId]);
  const shop = useShop();
  const [withName, setWithName] = useState(true);
  const code = card?.member.cardCodes[0];
  if (!card || !shop || !code) return null;
  const options = (
    <label class="check">
      <input type="checkbox" name="withName" checked={withName} onChange={(e) => setWithName(e.currentTarget.checked)} />
      <span>{t('print.withName')}</span>
    </label>
  );
  return (
    <PrintView title={t('print.cardTitle', { name: card.member.name })} help={t('print.cardHelp')} options={options}>
      <div class="print-page print-page--card">
        <PrintableCard code={code} shopName={shop.name} {...(withName ? { memberName: card.member.name } : {})} />
      </div>
    </PrintView>
  );
}

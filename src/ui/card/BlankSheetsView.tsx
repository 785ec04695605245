import { t } from '../../i18n';
import '../../i18n/parts/cards.en';
import { CARDS_PER_SHEET } from '../../state/cardActions';
import { useShop } from '../hooks/useProgram';
import { PrintableCard } from './PrintableCard';
import { PrintView, splitIntoPages } from './PrintView';

/** Reserved card numbers on A4 sheets of 2 × 5 cards, with thin borders to cut along. */
export function BlankSheetsView({ cardNumbers }: { cardNumbers: string[] }) {
  const shop = useShop();
  if (!shop) return null;
  const sheets = splitIntoPages(cardNumbers, CARDS_PER_SHEET);
  const help = t('print.blankReserved', { first: cardNumbers[0] ?? '', last: cardNumbers.at(-1) ?? '' });
  return (
    <PrintView title={t('print.blankTitle', { count: sheets.length })} help={help}>
      {sheets.map((sheet) => (
        <div key={sheet[0]} class="print-page print-page--sheet">
          {sheet.map((code) => (
            <PrintableCard key={code} code={code} shopName={shop.name} />
          ))}
        </div>
      ))}
    </PrintView>
  );
}

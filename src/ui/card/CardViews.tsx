import type { CardView } from '../../state/store';
import { BlankSheetsView } from './BlankSheetsView';
import { CardPrintView } from './CardPrintView';
import { CouponSheetView } from './CouponSheetView';
import { ShowCardView } from './ShowCardView';
import './cardViews.css';

// Everything that draws cards, as one lazily loaded chunk with the barcode libraries and the
// print styles. One chunk rather than two: a second one sharing the images made the bundler
// split preact out of the entry, which cost more than this chunk's few extra bytes.

export { MemberCardImages } from './MemberCardImages';

/** The card view open over the app. */
export function CardViewOverlay({ view }: { view: CardView }) {
  switch (view.kind) {
    case 'print':
      return <CardPrintView memberId={view.memberId} />;
    case 'show':
      return <ShowCardView memberId={view.memberId} />;
    case 'blankSheets':
      return <BlankSheetsView cardNumbers={view.cardNumbers} />;
    case 'coupons':
      return <CouponSheetView batchId={view.batchId} />;
  }
}

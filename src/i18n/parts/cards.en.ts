import { registerMessages } from '..';

// Strings of the card views (the new card after sign-up, print, show to customer, card images, coupon sheets): they load with them.

export const cardsEn = {
  'card.title': 'Card for {name}',
  'card.done': 'Done',
  'card.loading': 'Drawing the card…',
  'card.barcodeLabel': 'Barcode of card {code}',
  'card.qrLabel': 'QR code of card {code}',
  'print.cardTitle': 'Print the card of {name}',
  'print.cardHelp': 'The page is bank-card size. In the print dialog choose “Actual size” (100 %); print on card stock, or on paper and cut along the edge.',
  'print.withName': 'Print the member’s name on the card',
  'print.blankTitle': { one: '{count} sheet of blank cards', other: '{count} sheets of blank cards' },
  'print.blankReserved': 'Numbers {first} to {last} are reserved for these cards and never issued again. In the print dialog choose A4 and “Actual size” (100 %).',
  'print.couponsTitle': { one: '{count} coupon of “{name}”', other: '{count} coupons of “{name}”' },
  'print.couponsHelp': 'Each code works once. In the print dialog choose A4 and “Actual size” (100 %), then cut along the lines.',
  'print.couponValidUntil': 'Valid until {day}',
  'print.couponQrLabel': 'QR code of coupon {code}',
  'print.print': 'Print',
  'print.close': 'Close',
  'showCard.title': 'Card {code}',
  'showCard.hint': 'Take a photo of the QR code and show it at the till next time.',
  'showCard.close': 'Close',
  'showCard.points': { one: '{points} point', other: '{points} points' },
  'showCard.stamps': { one: '{count} of {goal} stamps', other: '{count} of {goal} stamps' },
  'showCard.tierAndBalance': '{tier} · {balance}',
} as const;

registerMessages('en', cardsEn);

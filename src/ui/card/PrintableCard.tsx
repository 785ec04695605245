import { Code128Image, QrImage } from './MemberCardImages';

/** One card the size of a bank card (85.6 × 54 mm): the shop, the member's name if wanted, CODE128, QR and the number. */
export function PrintableCard({ code, shopName, memberName }: { code: string; shopName: string; memberName?: string }) {
  return (
    <article class="printable-card">
      <header>
        <p class="printable-card__shop">{shopName}</p>
        {memberName && <p class="printable-card__member">{memberName}</p>}
      </header>
      <div class="printable-card__codes">
        <div>
          <Code128Image code={code} class="printable-card__code128" />
          <p class="printable-card__number">{code}</p>
        </div>
        <QrImage code={code} class="printable-card__qr" />
      </div>
    </article>
  );
}

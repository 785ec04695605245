import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/parts/cards.en';
import { useApp } from '../context';

/** Items laid out `perPage` to a printed sheet, in order; the last sheet may hold fewer. */
export function splitIntoPages<T>(items: readonly T[], perPage: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / perPage) }, (_, i) => items.slice(i * perPage, (i + 1) * perPage));
}

/**
 * A print preview over the app: a title, help and options with Print and Close, then the pages
 * at true size. Printing shows the pages alone (see cardViews.css).
 */
export function PrintView({ title, help, options, children }: { title: string; help: string; options?: ComponentChildren; children: ComponentChildren }) {
  const { actions } = useApp();
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => printButton.current?.focus(), []);
  return (
    <div class="card-view print-view" role="dialog" aria-modal="true" aria-labelledby="print-title">
      <div class="print-view__controls">
        <h2 id="print-title">{title}</h2>
        <p>{help}</p>
        {options}
        <div class="print-view__actions">
          <button type="button" class="button button--secondary button--large" onClick={actions.closeCardView}>
            {t('print.close')}
          </button>
          <button ref={printButton} type="button" class="button button--primary button--large" onClick={() => window.print()}>
            {t('print.print')}
          </button>
        </div>
      </div>
      <div class="print-pages">{children}</div>
    </div>
  );
}

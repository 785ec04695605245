import { useMemo, useState } from 'preact/hooks';
import { csvDelimiterFor, type CsvDelimiter } from '../../core/csv';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import type { ActionError } from '../../state/actionError';
import { createMemberExportActions } from '../../state/memberExportActions';
import { useApp } from '../context';
import { useShop } from '../hooks/useProgram';
import { downloadBlob } from './download';
import { Choice } from './fields';

type DelimiterChoice = 'auto' | CsvDelimiter;

/** Settings → export members as CSV: only consenting members unless the owner unticks it; the separator; progress; the download. */
export function MembersExportSection() {
  const { ctx, store } = useApp();
  const actions = useMemo(() => createMemberExportActions(ctx, store), [ctx, store]);
  const shop = useShop();
  const [consentingOnly, setConsentingOnly] = useState(true);
  const [delimiter, setDelimiter] = useState<DelimiterChoice>('auto');
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [outcome, setOutcome] = useState<{ done: string } | { error: ActionError }>();

  async function submit(event: Event) {
    event.preventDefault();
    setOutcome(undefined);
    setProgress({ done: 0, total: 0 });
    const result = await actions.exportMembers({ consentingOnly, delimiter, onProgress: (done, total) => setProgress({ done, total }) });
    setProgress(undefined);
    if (!result.ok) {
      setOutcome({ error: result.error });
      return;
    }
    downloadBlob(result.file.blob, result.file.fileName);
    setOutcome({ done: t('export.done', { count: result.file.rows, file: result.file.fileName }) });
  }

  const auto = csvDelimiterFor(shop?.locale ?? 'en');
  return (
    <section class="members-export" aria-labelledby="members-export-title">
      <h3 id="members-export-title">{t('export.title')}</h3>
      <p>{t('export.help')}</p>
      <form class="dialog__form" onSubmit={(event) => void submit(event)} noValidate>
        <label class="check">
          <input type="checkbox" name="consentingOnly" checked={consentingOnly} onChange={(e) => setConsentingOnly(e.currentTarget.checked)} />
          <span>{t('export.consentingOnly')}</span>
        </label>
        {!consentingOnly && (
          <p class="members-export__warning" role="note">
            {t('export.everyoneWarning')}
          </p>
        )}
        <Choice
          legend={t('export.delimiter')}
          name="exportDelimiter"
          value={delimiter}
          onChange={setDelimiter}
          options={[
            { value: 'auto', label: t('export.delimiterAuto', { delimiter: auto }) },
            { value: ',', label: t('export.delimiterComma') },
            { value: ';', label: t('export.delimiterSemicolon') },
          ]}
        />
        {progress && (
          <p role="status">
            <progress max={progress.total || 1} value={progress.done} /> {t('export.progress', { done: progress.done, total: progress.total })}
          </p>
        )}
        {outcome && 'done' in outcome && <p role="status">{outcome.done}</p>}
        {outcome && 'error' in outcome && (
          <p class="members-export__error" role="alert">
            {t(outcome.error.key, outcome.error.params)}
          </p>
        )}
        <div class="dialog__actions">
          <button type="submit" class="button button--primary button--large" disabled={progress !== undefined}>
            {t('export.button')}
          </button>
        </div>
      </form>
    </section>
  );
}

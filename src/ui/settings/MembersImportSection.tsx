import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ImportIssueCode } from '../../core/memberImport';
import { formatNumber, t, type MessageKey } from '../../i18n';
import '../../i18n/parts/memberImport.en';
import type { ActionError } from '../../state/actionError';
import {
  choiceProblems,
  choicesOf,
  createMemberImportActions,
  IMPORT_FIELDS,
  issueField,
  mappingOfChoices,
  type ColumnMapping,
  type ImportCheck,
  type ImportField,
  type ImportIssue,
  type ImportOutcome,
  type ImportProgress,
  type ImportRowResult,
  type OpenedImportFile,
} from '../../state/memberImportActions';
import { useApp } from '../context';
import { downloadBlob } from './download';
import './membersImport.css';

// Settings → Import members from CSV: choose a file → map its columns to our fields (guessed
// from the headers, with sample values) → Check (a dry run: counts, the first members, every
// skipped row with its reason, the error report) → Import N members, all in one transaction.
// Cancel at any step before the write leaves the tablet as it was.

const FIELD_LABELS: Record<ImportField, MessageKey> = {
  name: 'import.field.name',
  phone: 'import.field.phone',
  email: 'import.field.email',
  cardCodes: 'import.field.cardCodes',
  consent: 'import.field.consent',
  consentAt: 'import.field.consentAt',
  joinedAt: 'import.field.joinedAt',
  note: 'import.field.note',
};

const ISSUE_MESSAGES: Record<ImportIssueCode, MessageKey> = {
  nameRequired: 'import.issue.nameRequired',
  nameTooLong: 'import.issue.nameTooLong',
  phoneInvalid: 'import.issue.phoneInvalid',
  emailInvalid: 'import.issue.emailInvalid',
  noteTooLong: 'import.issue.noteTooLong',
  cardInvalid: 'import.issue.cardInvalid',
  cardCheckDigit: 'import.issue.cardCheckDigit',
  consentInvalid: 'import.issue.consentInvalid',
  dateInvalid: 'import.issue.dateInvalid',
  cardRepeated: 'import.issue.cardRepeated',
  phoneRepeated: 'import.issue.phoneRepeated',
  cardInUse: 'import.issue.cardInUse',
  phoneInUse: 'import.issue.phoneInUse',
};

/** Problems listed on the preview; the error report has them all. */
const PROBLEMS_SHOWN = 50;
const FIRST_ROWS_SHOWN = 5;

const issueMessage = (issue: ImportIssue) => t(ISSUE_MESSAGES[issue.code], issue.params ?? {});
/** One issue as the error report writes it: "Phone: “12345” is not a phone number…". */
const describeIssue = (issue: ImportIssue) => `${t(FIELD_LABELS[issueField(issue)])}: ${issueMessage(issue)}`;

type Choices = Partial<Record<ImportField, number>>;

type Step =
  | { kind: 'choose'; busy?: boolean; error?: ActionError }
  | { kind: 'mapping'; opened: OpenedImportFile; choices: Choices; error?: ActionError }
  | { kind: 'checking'; opened: OpenedImportFile; choices: Choices; progress: ImportProgress }
  | { kind: 'preview'; opened: OpenedImportFile; choices: Choices; mapping: ColumnMapping; check: ImportCheck; error?: ActionError }
  | { kind: 'importing'; opened: OpenedImportFile; choices: Choices; mapping: ColumnMapping; check: ImportCheck; progress: ImportProgress; cancelling?: boolean }
  | { kind: 'done'; opened: OpenedImportFile; outcome: ImportOutcome };

const columnName = (opened: OpenedImportFile, column: number) => opened.file.headers[column] || t('import.column', { number: column + 1 });

function Progress({ progress, cancelling }: { progress: ImportProgress; cancelling?: boolean }) {
  const text = cancelling
    ? t('import.cancelling')
    : progress.phase === 'checking'
      ? t('import.checking', { done: formatNumber(progress.done), total: formatNumber(progress.total) })
      : t('import.writing', { count: progress.total });
  return (
    <div class="members-import__progress">
      <progress
        role="progressbar"
        aria-label={t('import.progressLabel')}
        max={progress.total || 1}
        value={progress.done}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
      />
      <p role="status">{text}</p>
    </div>
  );
}

function MappingForm({ opened, choices, onChange }: { opened: OpenedImportFile; choices: Choices; onChange: (choices: Choices) => void }) {
  const chosen = new Set(Object.values(choices));
  const ignored = opened.file.headers.map((_, column) => column).filter((column) => !chosen.has(column));
  return (
    <div class="members-import__mapping">
      {IMPORT_FIELDS.map((field) => {
        const column = choices[field];
        const samples = column === undefined ? [] : (opened.samples[column] ?? []);
        const id = `import-map-${field}`;
        return (
          <div key={field} class="members-import__field">
            {/* A label of its own (not around the select): its name is the field's, not the options'. */}
            <div class="field">
              <label class="field__label" for={id}>
                {t(FIELD_LABELS[field])}
              </label>
              <select
                id={id}
                class="field__input"
                name={id}
                aria-describedby={`${id}-samples`}
                value={column === undefined ? '' : String(column)}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  onChange({ ...choices, [field]: value === '' ? undefined : Number(value) });
                }}
              >
                <option value="">{t('import.notInFile')}</option>
                {opened.file.headers.map((_, index) => (
                  <option key={index} value={String(index)}>
                    {columnName(opened, index)}
                  </option>
                ))}
              </select>
            </div>
            <p id={`${id}-samples`} class="field__hint members-import__samples">
              {column === undefined ? '' : samples.length ? t('import.samples', { values: samples.join(' · ') }) : t('import.noSamples')}
            </p>
          </div>
        );
      })}
      {ignored.length > 0 && <p class="field__hint">{t('import.ignoredColumns', { columns: ignored.map((column) => columnName(opened, column)).join(', ') })}</p>}
    </div>
  );
}

function Preview({ check }: { check: ImportCheck }) {
  // Once per check, not on each progress step of the import that follows (a file may have 100k rows).
  const { ready, problems } = useMemo(() => {
    const ready = check.results.filter((result): result is Extract<ImportRowResult, { status: 'ready' }> => result.status === 'ready').slice(0, FIRST_ROWS_SHOWN);
    const problems = check.results.flatMap((result) => (result.status === 'ready' ? [] : result.issues.map((issue) => ({ row: result.row, issue }))));
    return { ready, problems };
  }, [check]);
  return (
    <>
      <ul class="members-import__counts" data-testid="import-counts">
        <li data-count="toAdd">{t('import.toAdd', { count: check.toAdd })}</li>
        <li data-count="duplicates">{t('import.duplicates', { count: check.duplicates })}</li>
        <li data-count="errors">{t('import.errors', { count: check.errors })}</li>
      </ul>
      {ready.length > 0 && (
        <div class="members-import__table-wrap">
          <table class="members-import__table" aria-label={t('import.firstRows')}>
            <caption>{t('import.firstRows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.problemRow')}</th>
                <th scope="col">{t('import.field.name')}</th>
                <th scope="col">{t('import.field.phone')}</th>
                <th scope="col">{t('import.field.email')}</th>
                <th scope="col">{t('import.field.cardCodes')}</th>
                <th scope="col">{t('import.field.consent')}</th>
              </tr>
            </thead>
            <tbody>
              {ready.map(({ row, member }) => (
                <tr key={row}>
                  <td>{row}</td>
                  <td>{member.name}</td>
                  <td>{member.phoneE164 ?? ''}</td>
                  <td>{member.email ?? ''}</td>
                  <td>{member.cardCodes.length ? member.cardCodes.join(' ') : <em>{t('import.newCard')}</em>}</td>
                  <td>{member.marketingConsent ? t('import.consentYes') : t('import.consentNo')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {problems.length > 0 && (
        <div class="members-import__table-wrap">
          <table class="members-import__table" aria-label={t('import.problemsTitle')}>
            <caption>{t('import.problemsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.problemRow')}</th>
                <th scope="col">{t('import.problemField')}</th>
                <th scope="col">{t('import.problemMessage')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.slice(0, PROBLEMS_SHOWN).map(({ row, issue }, index) => (
                <tr key={`${row}-${index}`}>
                  <td>{row}</td>
                  <td>{t(FIELD_LABELS[issueField(issue)])}</td>
                  <td>{issueMessage(issue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {problems.length > PROBLEMS_SHOWN && <p class="field__hint">{t('import.problemsMore', { count: problems.length - PROBLEMS_SHOWN })}</p>}
        </div>
      )}
    </>
  );
}

/** Settings → Import members from CSV. */
export function MembersImportSection() {
  const { ctx, store } = useApp();
  const actions = useMemo(() => createMemberImportActions(ctx, store), [ctx, store]);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [reportError, setReportError] = useState<ActionError>();
  const fileInput = useRef<HTMLInputElement>(null);
  const running = useRef<AbortController | undefined>(undefined);
  // Leaving Settings stops a check, or an import that has not started writing.
  useEffect(() => () => running.current?.abort(), []);

  function reset(error?: ActionError) {
    running.current?.abort();
    running.current = undefined;
    if (fileInput.current) fileInput.current.value = '';
    setReportError(undefined);
    setStep({ kind: 'choose', ...(error ? { error } : {}) });
  }

  async function choose(file: File | undefined) {
    running.current?.abort();
    setReportError(undefined);
    if (!file) return setStep({ kind: 'choose' });
    setStep({ kind: 'choose', busy: true });
    const result = await actions.openFile(file, file.name);
    if (!result.ok) return reset('error' in result ? result.error : undefined);
    const opened = result.value;
    setStep({ kind: 'mapping', opened, choices: choicesOf(opened.guessed) });
  }

  async function check(opened: OpenedImportFile, choices: Choices) {
    const mapping = mappingOfChoices(choices, opened.file.headers.length);
    if (!mapping || choiceProblems(choices, opened.file.headers.length).length) return;
    const controller = new AbortController();
    running.current = controller;
    setReportError(undefined);
    setStep({ kind: 'checking', opened, choices, progress: { phase: 'checking', done: 0, total: opened.file.records.length } });
    const result = await actions.check(opened.file, mapping, { signal: controller.signal, onProgress: (progress) => !controller.signal.aborted && setStep((s) => (s.kind === 'checking' ? { ...s, progress } : s)) });
    if (running.current !== controller) return;
    running.current = undefined;
    if (result.ok) setStep({ kind: 'preview', opened, choices, mapping, check: result.value });
    else setStep({ kind: 'mapping', opened, choices, ...('error' in result ? { error: result.error } : {}) });
  }

  async function runImport(current: Extract<Step, { kind: 'preview' }>) {
    const controller = new AbortController();
    running.current = controller;
    setReportError(undefined);
    setStep({ ...current, kind: 'importing', progress: { phase: 'checking', done: 0, total: current.opened.file.records.length } });
    const result = await actions.importMembers(current.opened.file, current.mapping, {
      signal: controller.signal,
      onProgress: (progress) => setStep((s) => (s.kind === 'importing' ? { ...s, progress } : s)),
    });
    if (running.current === controller) running.current = undefined;
    // Whatever the owner tapped meanwhile, say what really happened: written, or not at all.
    if (result.ok) setStep({ kind: 'done', opened: current.opened, outcome: result.value });
    else if ('cancelled' in result) reset();
    else setStep({ ...current, error: result.error });
  }

  function cancelImport() {
    setStep((s) => (s.kind === 'importing' ? { ...s, cancelling: true } : s));
    running.current?.abort();
  }

  async function downloadReport(opened: OpenedImportFile, results: readonly ImportRowResult[]) {
    const result = await actions.errorReport(opened, results, { rowHeader: t('import.reportRow'), reasonsHeader: t('import.reportReasons'), describe: describeIssue });
    if (!result.ok) return setReportError('error' in result ? result.error : undefined);
    setReportError(undefined);
    downloadBlob(result.value.blob, result.value.fileName);
  }

  const reportButton = (opened: OpenedImportFile, summary: ImportCheck) =>
    summary.duplicates + summary.errors > 0 && (
      <button type="button" class="button button--secondary button--large" onClick={() => void downloadReport(opened, summary.results)}>
        {t('import.downloadReport')}
      </button>
    );
  const cancelButton = (
    <button type="button" class="button button--secondary button--large" onClick={() => reset()}>
      {t('import.cancel')}
    </button>
  );
  const errorLine = (error: ActionError | undefined) =>
    error && (
      <p class="members-import__error" role="alert">
        {t(error.key, error.params)}
      </p>
    );

  const columns = 'opened' in step ? step.opened.file.headers.length : 0;
  const problems = step.kind === 'mapping' ? choiceProblems(step.choices, columns) : [];

  return (
    <section class="members-import" aria-labelledby="members-import-title">
      <h3 id="members-import-title">{t('import.title')}</h3>
      <p>{t('import.help')}</p>
      <label class="field">
        <span class="field__label">{t('import.chooseFile')}</span>
        <input
          ref={fileInput}
          class="field__input"
          name="importFile"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          disabled={step.kind === 'checking' || step.kind === 'importing' || (step.kind === 'choose' && step.busy)}
          onChange={(event) => void choose(event.currentTarget.files?.[0])}
        />
      </label>
      {step.kind === 'choose' && step.busy && <p role="status">{t('import.reading')}</p>}
      {step.kind === 'choose' && errorLine(step.error)}

      {(step.kind === 'mapping' || step.kind === 'checking') && (
        <div class="members-import__step">
          <h4>{t('import.mappingTitle')}</h4>
          <p>{t('import.mappingHelp', { file: step.opened.fileName, count: step.opened.rows })}</p>
          <fieldset class="members-import__fieldset" disabled={step.kind === 'checking'}>
            <MappingForm opened={step.opened} choices={step.choices} onChange={(choices) => setStep((s) => (s.kind === 'mapping' ? { ...s, choices, error: undefined } : s))} />
          </fieldset>
          {problems.map((problem) => (
            <p key={problem.key} class="members-import__error" role="alert">
              {t(problem.key, problem.params)}
            </p>
          ))}
          {step.kind === 'mapping' && errorLine(step.error)}
          {step.kind === 'checking' && <Progress progress={step.progress} />}
          <div class="dialog__actions">
            {cancelButton}
            <button
              type="button"
              class="button button--primary button--large"
              disabled={step.kind === 'checking' || problems.length > 0}
              onClick={() => step.kind === 'mapping' && void check(step.opened, step.choices)}
            >
              {t('import.check')}
            </button>
          </div>
        </div>
      )}

      {(step.kind === 'preview' || step.kind === 'importing') && (
        <div class="members-import__step">
          <h4>{t('import.previewTitle')}</h4>
          <Preview check={step.check} />
          {step.check.toAdd === 0 && <p role="note">{t('import.nothingToAdd')}</p>}
          {step.kind === 'preview' && errorLine(step.error)}
          {errorLine(reportError)}
          {step.kind === 'importing' && <Progress progress={step.progress} cancelling={step.cancelling} />}
          <div class="dialog__actions">
            {step.kind === 'preview' && (
              <>
                {cancelButton}
                <button type="button" class="button button--secondary button--large" onClick={() => setStep({ kind: 'mapping', opened: step.opened, choices: step.choices })}>
                  {t('import.back')}
                </button>
                {reportButton(step.opened, step.check)}
                {step.check.toAdd > 0 && (
                  <button type="button" class="button button--primary button--large" onClick={() => void runImport(step)}>
                    {t('import.confirm', { count: step.check.toAdd })}
                  </button>
                )}
              </>
            )}
            {/* Once the write has started it completes or rolls back as a whole: no cancel then. */}
            {step.kind === 'importing' && step.progress.phase === 'checking' && !step.cancelling && (
              <button type="button" class="button button--secondary button--large" onClick={cancelImport}>
                {t('import.cancel')}
              </button>
            )}
          </div>
        </div>
      )}

      {step.kind === 'done' && (
        <div class="members-import__step">
          <p class="members-import__result" role="status">
            {t('import.done', { count: step.outcome.imported.length })}
            {step.outcome.duplicates + step.outcome.errors > 0 && <> {t('import.doneSkipped', { duplicates: step.outcome.duplicates, errors: step.outcome.errors })}</>}
          </p>
          {errorLine(reportError)}
          <div class="dialog__actions">
            {reportButton(step.opened, step.outcome)}
            <button type="button" class="button button--primary button--large" onClick={() => reset()}>
              {t('import.another')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

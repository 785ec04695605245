import { DEFAULT_WEDGE_TIMING, WedgeDecoder, type WedgeTiming } from './wedgeDecoder';

// Listens on the whole document, so a scan works with no field focused. When a text field has
// focus, the scanner's keys also land there; once a burst is recognised as a scan, the field
// gets back what it held before the burst, so the cashier's typing is never mixed with a code.

type TextField = HTMLInputElement | HTMLTextAreaElement;

function focusedTextField(doc: Document): TextField | undefined {
  const el = doc.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : undefined;
}

export function listenForWedgeScans(
  doc: Document,
  onScan: (code: string) => void,
  timing: WedgeTiming = DEFAULT_WEDGE_TIMING,
): () => void {
  const decoder = new WedgeDecoder(timing);
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let field: TextField | undefined;
  let valueBeforeBurst = '';

  function restoreField(): void {
    if (!field || field.value === valueBeforeBurst) return;
    field.value = valueBeforeBurst;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function emit(code: string): void {
    restoreField();
    field = undefined;
    onScan(code);
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (decoder.pending === '') {
      field = focusedTextField(doc);
      valueBeforeBurst = field?.value ?? '';
    }
    const result = decoder.key(event.code, event.shiftKey, event.timeStamp);
    clearTimeout(idleTimer);
    if (result.kind === 'scan') {
      // The Enter ends the scan: it must not also submit whatever form has focus.
      event.preventDefault();
      event.stopImmediatePropagation();
      emit(result.code);
      return;
    }
    if (decoder.pending !== '') {
      idleTimer = setTimeout(() => {
        const code = decoder.idle(performance.now());
        if (code) emit(code);
      }, timing.idleEndMs);
    }
  }

  doc.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    clearTimeout(idleTimer);
    doc.removeEventListener('keydown', onKeyDown, { capture: true });
  };
}

import { isDomainError } from '../core/errors';
import type { MessageKey, MessageParams } from '../i18n';

/** A failure for a form to show next to its fields. */
export interface ActionError {
  key: MessageKey;
  params: MessageParams;
}

/** A domain error's own message; anything unexpected is logged and shown as `fallback` with its detail. */
export function actionErrorOf(error: unknown, fallback: MessageKey): ActionError {
  if (isDomainError(error)) return { key: `error.${error.code}` as MessageKey, params: error.params };
  console.error(error);
  return { key: fallback, params: { detail: error instanceof Error ? error.message : String(error) } };
}

import { DomainError } from '../core/errors';
import type { ApiError, PairResponse } from '../core/protocol';
import type { DbContext } from '../db/context';
import { savePairing } from '../db/syncRepository';
import type { FetchLike } from './transport';

// Settings → Connect to backend: trade the owner's one-time pairing code for this tablet's
// device id and token, and keep them (with the server's card-number prefix) for the sync engine.

export interface PairingInput {
  serverUrl: string;
  code: string;
  deviceName: string;
}

function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DomainError('pair.badUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DomainError('pair.badUrl');
  return url.origin;
}

export async function pairWithServer(ctx: DbContext, input: PairingInput, fetchFn: FetchLike = (url, init) => fetch(url, init)): Promise<PairResponse> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  const code = input.code.trim();
  if (code === '') throw new DomainError('pair.codeRequired');
  let response: Response;
  try {
    response = await fetchFn(`${serverUrl}/api/v1/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: input.deviceName.trim() || 'Tablet' }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new DomainError('pair.unreachable');
  }
  const body = (await response.json().catch(() => undefined)) as (PairResponse & Partial<ApiError> & { reason?: string }) | undefined;
  if (response.status === 403 && (body?.reason === 'unknown' || body?.reason === 'expired' || body?.reason === 'used')) {
    throw new DomainError(`pair.${body.reason}`);
  }
  if (response.status !== 201 || !body?.token) throw new DomainError('pair.failed', { detail: body?.message ?? `HTTP ${response.status}` });
  await savePairing(ctx, serverUrl, body);
  return body;
}

import { describe, expect, it } from 'vitest';
import type { SyncOverview } from '../../../src/db/syncState';
import { describeSync } from '../../../src/state/syncStatus';

const link = { key: 'link' as const, serverUrl: 'http://shop', token: 't', deviceId: 'd', businessId: 'b', businessName: 'Café', shopId: 's', pairedAt: '2026-11-23T09:00:00.000Z' };
const base: SyncOverview = { link, progress: { key: 'progress', cursor: 10, ackedMid: 3, headSeq: 10 }, status: { key: 'status', running: false, rejections: [] }, pending: 0 };
const describe_ = (overview: Partial<SyncOverview>) => describeSync({ ...base, ...overview }, (iso) => `ago(${iso})`, (iso) => `time(${iso})`);

describe('the sync indicator', () => {
  it('says what a cashier needs, most urgent first', () => {
    const { link: _link, ...unpaired } = base;
    expect(describeSync(unpaired, String, String).state).toBe('unpaired');
    expect(describe_({ status: { ...base.status, error: { code: 'unauthorized', at: 'x' }, offlineSince: 'y' } }).state).toBe('revoked');
    expect(describe_({ status: { ...base.status, running: true }, progress: { ...base.progress, cursor: 1000, headSeq: 4000 } })).toMatchObject({ state: 'loading', percent: 25 });
    expect(describe_({ status: { ...base.status, offlineSince: '2026-11-23T10:42:00.000Z' }, pending: 3 })).toMatchObject({
      state: 'offline',
      pending: 3,
      message: { key: 'sync.offlineSince', params: { time: 'time(2026-11-23T10:42:00.000Z)' } },
    });
    expect(describe_({ status: { ...base.status, error: { code: 'server', message: 'Internal server error', at: 'x' } } })).toMatchObject({ state: 'error', message: { params: { message: 'Internal server error' } } });
    expect(describe_({ status: { ...base.status, running: true } }).state).toBe('syncing');
    expect(describe_({ pending: 2 })).toMatchObject({ state: 'pending', message: { key: 'sync.pending', params: { count: 2 } } });
    expect(describe_({ status: { ...base.status, lastSuccessAt: 'when' } })).toMatchObject({ state: 'synced', message: { params: { ago: 'ago(when)' } } });
    expect(describe_({})).toMatchObject({ state: 'never', message: { key: 'sync.never' } });
  });

  it('reports the server’s refusals beside any state', () => {
    const rejections = [{ mid: 7, code: 'invalid' as const, message: 'Invalid mutation: stamps', at: 'x' }];
    expect(describe_({ status: { ...base.status, rejections } }).rejected).toEqual({ count: 1, message: 'Invalid mutation: stamps' });
  });
});

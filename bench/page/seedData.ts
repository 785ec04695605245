// Deterministic synthetic member base for the bench. Member i's name, phone and card number are
// a pure function of i (so the bench can pick lookup targets without reading the DB back); ids
// are UUIDv7 like the app's. Rows are built with the app's own code (toMemberRow, foldEvents,
// makeCardNumber, encodeHlc) so the derived index fields are exactly what the app would store.

import { makeCardNumber } from '../../src/core/cardNumber';
import { encodeHlc } from '../../src/core/hlc';
import { newId } from '../../src/core/ids';
import { foldEvents } from '../../src/core/ledger';
import { CONSENT_TEXT_VERSION, DEFAULT_PROGRAM } from '../../src/core/program';
import type { LedgerEvent, Member, MemberField, MemberSummary } from '../../src/core/types';
import type { MemberRow } from '../../src/db/database';
import { toMemberRow } from '../../src/db/memberRows';
import { seededRandom } from '../lib/seededRandom';

type Lang = 'hu' | 'en' | 'el' | 'fi';

interface NamePool {
  weight: number;
  first: string[];
  last: string[];
  /** Hungarian names are written family name first. */
  familyFirst: boolean;
}

// Ordered roughly by frequency. Picks are gently Zipf-weighted (exponent 0.4): the most common
// name of a pool is ~3× its average, so at 100k "Nagy" is ~2.4 % of all members and about 100
// are called "Nagy László" (~0.1 %, as in Hungary). Common names are what make name lookups
// interesting; a real long tail of rare names would make them rarer, not commoner.
const POOLS: Record<Lang, NamePool> = {
  hu: {
    weight: 55,
    familyFirst: true,
    first: [
      'László', 'István', 'József', 'János', 'Zoltán', 'Sándor', 'Gábor', 'Ferenc', 'Attila', 'Péter',
      'Mária', 'Erzsébet', 'Katalin', 'Éva', 'Ilona', 'Anna', 'Zsuzsanna', 'Margit', 'Judit', 'Ágnes',
      'Tamás', 'Zsolt', 'Tibor', 'András', 'Csaba', 'Imre', 'Lajos', 'György', 'Balázs', 'Róbert',
      'Andrea', 'Erika', 'Krisztina', 'Ildikó', 'Irén', 'Eszter', 'Gabriella', 'Tímea', 'Anikó', 'Edit',
      'Dániel', 'Ádám', 'Máté', 'Bence', 'Dávid', 'Levente', 'Gergő', 'Márk', 'Kristóf', 'Olivér',
      'Zsófia', 'Réka', 'Dóra', 'Boglárka', 'Lili', 'Hanna', 'Luca', 'Orsolya', 'Tünde', 'Gyöngyi',
      'Ödön', 'Győző', 'Béla', 'Jenő', 'Kálmán', 'Nándor', 'Örs', 'Ünige', 'Piroska', 'Rozália',
    ],
    last: [
      'Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas',
      'Balogh', 'Papp', 'Takács', 'Juhász', 'Lakatos', 'Mészáros', 'Oláh', 'Simon', 'Rácz', 'Fekete',
      'Szilágyi', 'Török', 'Fehér', 'Balázs', 'Gál', 'Kis', 'Szűcs', 'Kocsis', 'Orsós', 'Pintér',
      'Fodor', 'Szalai', 'Sipos', 'Magyar', 'Lukács', 'Gulyás', 'Bíró', 'Király', 'Katona', 'László',
      'Jakab', 'Bogdán', 'Sándor', 'Boros', 'Fazekas', 'Kelemen', 'Antal', 'Orbán', 'Somogyi', 'Vörös',
      'Fülöp', 'Veres', 'Budai', 'Vincze', 'Hegedűs', 'Deák', 'Bálint', 'Illés', 'Pál', 'Vass',
      'Szőke', 'Fábián', 'Vígh', 'Lengyel', 'Bodnár', 'Hajdu', 'Halász', 'Máté', 'Székely', 'Kozma',
      'Pásztor', 'Bakos', 'Dudás', 'Major', 'Virág', 'Hegyi', 'Orosz', 'Győri', 'Erdős', 'Kun-Szabó',
    ],
  },
  en: {
    weight: 20,
    familyFirst: false,
    first: [
      'Oliver', 'Olivia', 'James', 'Amelia', 'Jack', 'Isla', 'Harry', 'Emily', 'George', 'Ava',
      'Noah', 'Sophie', 'Charlie', 'Grace', 'Thomas', 'Mia', 'William', 'Lily', 'Oscar', 'Ella',
      'Zoë', 'Chloë', 'Renée', 'Noël', 'Siobhán', 'Seán', 'Niamh', 'Aoife', 'Dónal', 'Róisín',
      'Mary-Jane', 'Jean-Luc', 'Ethan', 'Lucas', 'Henry', 'Freya', 'Daniel', 'Hannah', 'Samuel', 'Ruby',
    ],
    last: [
      'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
      'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
      "O'Brien", "O'Connor", 'McCarthy', 'Murphy', 'Kelly', 'Brontë', 'Byrne', 'Ryan', 'Lewis', 'Harris',
      'Clarke', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore',
    ],
  },
  el: {
    weight: 15,
    familyFirst: false,
    first: [
      'Γιώργος', 'Μαρία', 'Κωνσταντίνος', 'Ελένη', 'Δημήτρης', 'Αικατερίνη', 'Ιωάννης', 'Βασιλική', 'Νίκος', 'Σοφία',
      'Χρήστος', 'Αναστασία', 'Παναγιώτης', 'Δέσποινα', 'Βασίλης', 'Ιωάννα', 'Αθανάσιος', 'Ευαγγελία', 'Μιχάλης', 'Χριστίνα',
      'Σπύρος', 'Αγγελική', 'Θεόδωρος', 'Ζωή', 'Ευάγγελος', 'Φωτεινή', 'Άγγελος', 'Ειρήνη', 'Στέλιος', 'Ολυμπία',
    ],
    last: [
      'Παπαδόπουλος', 'Παπαδοπούλου', 'Γεωργίου', 'Οικονόμου', 'Νικολάου', 'Παπαδάκης', 'Βλάχος', 'Αντωνίου', 'Ιωάννου', 'Κωνσταντίνου',
      'Δημητρίου', 'Μακρής', 'Παππάς', 'Αθανασίου', 'Καραγιάννης', 'Σταυρόπουλος', 'Χατζηδάκης', 'Αλεξίου', 'Μιχαηλίδης', 'Πετρόπουλος',
      'Βασιλείου', 'Λαμπράκης', 'Ζαχαρίου', 'Κυριακίδης', 'Οικονομίδου', 'Τσιμάρας', 'Ραφτόπουλος', 'Σαββίδης', 'Φραγκιαδάκης', 'Ψαρράς',
    ],
  },
  fi: {
    weight: 10,
    familyFirst: false,
    first: [
      'Juha', 'Aino', 'Mikko', 'Päivi', 'Timo', 'Sanna', 'Jari', 'Tiina', 'Matti', 'Eeva',
      'Jussi', 'Anneli', 'Väinö', 'Sirkka', 'Ilkka', 'Tyyne', 'Jyrki', 'Kaarina', 'Eetu', 'Liisa',
      'Pärttyli', 'Pekka', 'Minna', 'Heikki', 'Satu', 'Antti', 'Riikka', 'Ville', 'Jenni', 'Tuomas',
    ],
    last: [
      'Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen',
      'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen',
      'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen', 'Ahonen',
    ],
  },
};

const LANGS = Object.keys(POOLS) as Lang[];

/** Card prefixes of three tablets that issued the seeded cards (below the unpaired range). */
const DEVICES = [
  { prefix: 41207, id: '0190a1b2-0000-7000-8000-000000041207' },
  { prefix: 41208, id: '0190a1b2-0000-7000-8000-000000041208' },
  { prefix: 52344, id: '0190a1b2-0000-7000-8000-000000052344' },
] as const;

const DAY_MS = 86_400_000;

/** A deterministic random stream for member i (and a salt, for other uses). */
export function rngFor(i: number, salt = 0): () => number {
  return seededRandom(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca6b));
}

function zipfCumulative(length: number, exponent = 0.4): number[] {
  const weights = Array.from({ length }, (_, rank) => 1 / (rank + 1) ** exponent);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

const cumulative = new Map<string[], number[]>();
function pickZipf(list: string[], r: number): string {
  let cum = cumulative.get(list);
  if (!cum) cumulative.set(list, (cum = zipfCumulative(list.length)));
  const index = cum.findIndex((c) => r <= c);
  return list[index < 0 ? list.length - 1 : index]!;
}

function pickLang(r: number): Lang {
  const total = LANGS.reduce((a, l) => a + POOLS[l].weight, 0);
  let acc = 0;
  for (const lang of LANGS) {
    acc += POOLS[lang].weight / total;
    if (r <= acc) return lang;
  }
  return 'hu';
}

export interface MemberSpec {
  index: number;
  lang: Lang;
  name: string;
  cardCode: string;
  phoneE164?: string;
  /** How a cashier would type the phone number: national format at home, else international. */
  phoneTyped?: string;
}

function phoneFor(i: number, lang: Lang): { e164: string; typed: string } {
  // A bijection of i onto 7 digits, so no two members of one country share a number.
  const n = ((i * 7919 + 1234567) % 10_000_000).toString().padStart(7, '0');
  switch (lang) {
    case 'hu': {
      const area = ['30', '20', '70'][i % 3]!;
      return { e164: `+36${area}${n}`, typed: `06 ${area} ${n.slice(0, 3)} ${n.slice(3)}` };
    }
    case 'el':
      return { e164: `+30694${n}`, typed: `+30 694 ${n.slice(0, 3)} ${n.slice(3)}` };
    case 'fi':
      return { e164: `+35840${n}`, typed: `+358 40 ${n}` };
    case 'en':
      return { e164: `+4479${n}${i % 10}`, typed: `+44 79${n.slice(0, 2)} ${n.slice(2)}${i % 10}` };
  }
}

export function memberSpec(i: number): MemberSpec {
  const r = rngFor(i);
  const lang = pickLang(r());
  const pool = POOLS[lang];
  let first = pickZipf(pool.first, r());
  if (r() < 0.08) {
    const second = pickZipf(pool.first, r());
    if (second !== first) first = `${first} ${second}`;
  }
  const last = pickZipf(pool.last, r());
  const name = pool.familyFirst ? `${last} ${first}` : `${first} ${last}`;
  const device = DEVICES[i % DEVICES.length]!;
  const cardCode = makeCardNumber(device.prefix, Math.floor(i / DEVICES.length) + 1);
  const hasPhone = r() < 0.9;
  const phone = hasPhone ? phoneFor(i, lang) : undefined;
  return { index: i, lang, name, cardCode, ...(phone ? { phoneE164: phone.e164, phoneTyped: phone.typed } : {}) };
}

function asciiEmail(name: string, i: number): string {
  const local = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local || 'member'}.${i}@example.com`;
}

export interface GeneratedMember {
  row: MemberRow;
  events: LedgerEvent[];
  summary: MemberSummary;
}

/**
 * Member i as it travels (the record the server stores) with one enroll and four stamp events,
 * all at least a day before `nowMs`.
 */
export function generateMemberRecords(i: number, nowMs: number): { member: Member; events: LedgerEvent[] } {
  const spec = memberSpec(i);
  const r = rngFor(i, 1);
  const device = DEVICES[i % DEVICES.length]!;
  const createdMs = nowMs - DAY_MS * (30 + Math.floor(r() * 700));
  let hlcCounter = 0;
  const hlcAt = (ms: number) => encodeHlc({ wallMs: ms, counter: hlcCounter++ % 3 }, device.id);
  const createdAt = new Date(createdMs).toISOString();
  const createdHlc = hlcAt(createdMs);
  const email = r() < 0.5 ? asciiEmail(spec.name, i) : undefined;
  const fields: MemberField[] = ['name', 'cardCodes', 'consent', ...(spec.phoneE164 ? ['phoneE164' as const] : []), ...(email ? ['email' as const] : [])];
  const member: Member = {
    id: newId(),
    cardCodes: [spec.cardCode],
    name: spec.name,
    ...(spec.phoneE164 ? { phoneE164: spec.phoneE164 } : {}),
    ...(email ? { email } : {}),
    consent: { marketing: r() < 0.4, at: createdAt, textVersion: CONSENT_TEXT_VERSION },
    createdAt,
    updatedAt: createdAt,
    clock: Object.fromEntries(fields.map((field) => [field, createdHlc])),
  };
  const event = (kind: LedgerEvent['kind'], ms: number, stamps?: number): LedgerEvent => ({
    id: newId(),
    memberId: member.id,
    kind,
    ...(stamps !== undefined ? { stamps } : {}),
    deviceId: device.id,
    at: new Date(ms).toISOString(),
    hlc: hlcAt(ms),
    programVersion: DEFAULT_PROGRAM.version,
  });
  const events: LedgerEvent[] = [event('enroll', createdMs)];
  let ms = createdMs;
  const span = nowMs - DAY_MS - createdMs;
  for (let k = 0; k < 4; k++) {
    ms += Math.floor((span / 5) * (0.5 + r()));
    events.push(event('stamp', Math.min(ms, nowMs - DAY_MS), 1 + Math.floor(r() * 2)));
  }
  return { member, events };
}

/** Member i as the app stores it: the row with its derived index fields, its events and summary. */
export function generateMember(i: number, nowMs: number): GeneratedMember {
  const { member, events } = generateMemberRecords(i, nowMs);
  return { row: toMemberRow(member), events, summary: foldEvents(member.id, events) };
}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Opens an existing database at its current version (the app's Dexie must have created it). */
export async function openExisting(dbName: string): Promise<IDBDatabase> {
  const db = await requestDone(indexedDB.open(dbName));
  for (const store of ['members', 'events', 'summaries']) {
    if (!db.objectStoreNames.contains(store)) {
      db.close();
      throw new Error(`database "${dbName}" has no "${store}" store: let the app create it first`);
    }
  }
  return db;
}

export interface SeedResult {
  members: number;
  events: number;
  ms: number;
}

/**
 * Writes members [start, start + count) with raw IndexedDB, `batch` members (and their events
 * and summaries) per transaction.
 */
export async function seedRaw(dbName: string, start: number, count: number, nowMs: number, batch = 5000): Promise<SeedResult> {
  const t0 = performance.now();
  const db = await openExisting(dbName);
  let events = 0;
  try {
    for (let from = start; from < start + count; from += batch) {
      const to = Math.min(start + count, from + batch);
      const tx = db.transaction(['members', 'events', 'summaries'], 'readwrite', { durability: 'relaxed' });
      const done = transactionDone(tx);
      const members = tx.objectStore('members');
      const eventStore = tx.objectStore('events');
      const summaries = tx.objectStore('summaries');
      for (let i = from; i < to; i++) {
        const generated = generateMember(i, nowMs);
        members.add(generated.row);
        for (const e of generated.events) eventStore.add(e);
        summaries.add(generated.summary);
        events += generated.events.length;
      }
      await done;
    }
  } finally {
    db.close();
  }
  return { members: count, events, ms: performance.now() - t0 };
}

export async function countRows(dbName: string): Promise<Record<string, number>> {
  const db = await openExisting(dbName);
  try {
    const tx = db.transaction(['members', 'events', 'summaries', 'outbox'], 'readonly');
    const out: Record<string, number> = {};
    for (const store of ['members', 'events', 'summaries', 'outbox']) out[store] = await requestDone(tx.objectStore(store).count());
    return out;
  } finally {
    db.close();
  }
}

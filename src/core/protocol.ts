import * as v from 'valibot';

// The wire format between tablets and the server, shared by both ends (the server validates
// every request with these schemas; the tablet builds its requests from the same types).

export const PairRequestSchema = v.object({
  code: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(32)),
  deviceName: v.pipe(v.string(), v.trim(), v.maxLength(80)),
});
export type PairRequest = v.InferOutput<typeof PairRequestSchema>;

export interface PairResponse {
  deviceId: string;
  token: string;
  businessId: string;
  shopId: string;
  /** This tablet's card-number prefix, unique across the server (see cardNumber.ts). */
  cardPrefix: number;
}

/** Every 4xx/5xx body: a stable code for programs and a sentence for people. */
export interface ApiError {
  error: string;
  message: string;
}

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

// Phone numbers are stored as E.164 and parsed in the shop's country, so "06 30 123 4567",
// "+36 30 123 4567" and "30/123-4567" are one Hungarian number.

export function toE164(input: string, country: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input, country as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}

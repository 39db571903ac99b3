/**
 * Many Vietnamese banks compare the creditor name on a transfer with the account holder's name in upper-case ASCII
 * ("NGUYEN VAN DUC"), and ISO 20022 names and narratives are limited to the SWIFT character set. These helpers fold
 * Vietnamese text into that set.
 */

/** Characters a bank accepts in names and narratives (the SWIFT "x" character set). */
const OUTSIDE_SWIFT_SET = /[^A-Za-z0-9/\-?:().,'+ ]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * "Trợ cấp xã hội T11/2026" → "Tro cap xa hoi T11/2026": accents removed, đ → d, anything else exotic → space. Data
 * converted from legacy Vietnamese encodings often writes Đ as the look-alike Ð (U+00D0, eth): it is a D too, or
 * "ĐẶNG VĂN ĐỨC" would reach the bank as "ANG VAN UC" and be refused for the name.
 */
export function toAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đð]/g, 'd')
    .replace(/[ĐÐ]/g, 'D')
    .replace(OUTSIDE_SWIFT_SET, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 'Nguyễn Văn Đức' → 'NGUYEN VAN DUC': the form the creditor's bank compares with its account holder. */
export function toAsciiName(name: string): string {
  return toAscii(name).toUpperCase();
}

/**
 * Vietnamese names folded for searching: lower case, without diacritics, đ as d, single spaces.
 * "Nguyễn Thị  Lan" → "nguyen thi lan"; operators type names either way.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

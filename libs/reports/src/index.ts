export * from './table';
export * from './format';
export { toCsv, UTF8_BOM } from './csv';
export { toXlsx } from './xlsx';
export { toPdf } from './pdf';
export * from './render';

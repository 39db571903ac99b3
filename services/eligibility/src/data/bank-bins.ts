/**
 * Banks by their 6-digit NAPAS code (BIN), for checking the bank of a payment destination.
 * Source: the project's domain tables (napas-bank-bins.csv, from the official NAPAS member list; some public lists
 * carry wrong codes, the NAPAS list wins). LPBank (970449) is the post-office bank: post-office accounts use it.
 * Copied as listed (shared/domain/tables/napas-bank-bins.csv); verify a new bank against NAPAS before adding it.
 */
export interface Bank {
  readonly bin: string;
  readonly shortName: string;
  readonly name: string;
}

export const POST_OFFICE_BANK_BIN = '970449';

export const BANKS: readonly Bank[] = [
  { bin: '970436', shortName: 'Vietcombank', name: 'Joint Stock Commercial Bank for Foreign Trade of Vietnam' },
  { bin: '970415', shortName: 'VietinBank', name: 'Vietnam Joint Stock Commercial Bank for Industry and Trade' },
  { bin: '970418', shortName: 'BIDV', name: 'Joint Stock Commercial Bank for Investment and Development of Vietnam' },
  { bin: '970405', shortName: 'Agribank', name: 'Vietnam Bank for Agriculture and Rural Development' },
  { bin: '970449', shortName: 'LPBank', name: 'Lien Viet Post Joint Stock Commercial Bank (post-office bank)' },
  { bin: '999888', shortName: 'VBSP', name: 'Vietnam Bank for Social Policies' },
  { bin: '970422', shortName: 'MB', name: 'Military Commercial Joint Stock Bank' },
  { bin: '970407', shortName: 'Techcombank', name: 'Vietnam Technological and Commercial Joint Stock Bank' },
  { bin: '970416', shortName: 'ACB', name: 'Asia Commercial Joint Stock Bank' },
  { bin: '970432', shortName: 'VPBank', name: 'Vietnam Prosperity Joint Stock Commercial Bank' },
  { bin: '970423', shortName: 'TPBank', name: 'Tien Phong Commercial Joint Stock Bank' },
  { bin: '970403', shortName: 'Sacombank', name: 'Saigon Thuong Tin Commercial Joint Stock Bank' },
  { bin: '970437', shortName: 'HDBank', name: 'Ho Chi Minh City Development Joint Stock Commercial Bank' },
  { bin: '970443', shortName: 'SHB', name: 'Saigon - Hanoi Commercial Joint Stock Bank' },
  { bin: '970441', shortName: 'VIB', name: 'Vietnam International Commercial Joint Stock Bank' },
  { bin: '970440', shortName: 'SeABank', name: 'Southeast Asia Commercial Joint Stock Bank' },
  { bin: '970448', shortName: 'OCB', name: 'Orient Commercial Joint Stock Bank' },
  { bin: '970426', shortName: 'MSB', name: 'Vietnam Maritime Commercial Joint Stock Bank' },
  { bin: '970431', shortName: 'Eximbank', name: 'Vietnam Export Import Commercial Joint Stock Bank' },
  { bin: '970428', shortName: 'Nam A Bank', name: 'Nam A Commercial Joint Stock Bank' },
  { bin: '970446', shortName: 'Co-opBank', name: 'Co-operative Bank of Vietnam' },
  { bin: '970452', shortName: 'Kienlongbank', name: 'Kien Long Commercial Joint Stock Bank' },
];

const BY_BIN = new Map(BANKS.map((bank) => [bank.bin, bank]));

export function findBank(bin: string): Bank | undefined {
  return BY_BIN.get(bin);
}

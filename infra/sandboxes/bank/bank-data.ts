/**
 * Sandbox data for the bank. Creditor banks are known by their 6-digit NAPAS BIN (copied from the official list in
 * the domain notes, so the sandbox never reads them at run time); a BIN outside this list is rejected with RC01.
 */
export const NAPAS_BINS: Readonly<Record<string, string>> = {
  '970436': 'Vietcombank',
  '970415': 'VietinBank',
  '970418': 'BIDV',
  '970405': 'Agribank',
  '970449': 'LPBank',
  '999888': 'VBSP',
  '970422': 'MB',
  '970407': 'Techcombank',
  '970416': 'ACB',
  '970432': 'VPBank',
  '970423': 'TPBank',
  '970403': 'Sacombank',
  '970437': 'HDBank',
  '970443': 'SHB',
  '970441': 'VIB',
  '970440': 'SeABank',
  '970448': 'OCB',
  '970426': 'MSB',
  '970431': 'Eximbank',
  '970428': 'Nam A Bank',
  '970446': 'Co-opBank',
  '970452': 'Kienlongbank',
};

export const KNOWN_BINS: ReadonlySet<string> = new Set(Object.keys(NAPAS_BINS));

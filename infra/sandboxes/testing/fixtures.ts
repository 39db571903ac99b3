import type { CreditTransfer, Pain001Batch } from '@benefits/iso20022';

/** Test data factories shared by the specs: a payment file with sensible defaults and per-test overrides. */
export const DEBTOR_ACCOUNT = '1234567890';
export const VIETCOMBANK = '970436';

export function transfer(endToEndId: string, overrides: Partial<CreditTransfer> = {}): CreditTransfer {
  return {
    instrId: `I-${endToEndId}`.slice(0, 35),
    endToEndId,
    amount: '1500000',
    creditorAgentBin: VIETCOMBANK,
    creditorName: 'Nguyễn Văn Đức',
    creditorAccount: '0011002233445',
    remittanceInfo: 'Trợ cấp xã hội T11/2026',
    ...overrides,
  };
}

export function paymentFile(msgId: string, transfers: CreditTransfer[], overrides: Partial<Pain001Batch> = {}): Pain001Batch {
  return {
    msgId,
    createdAt: '2026-11-05T08:00:00+07:00',
    initiatingParty: 'Sở Lao động - Thương binh và Xã hội',
    paymentInstructions: [
      {
        pmtInfId: `${msgId}-P1`.slice(0, 35),
        requestedExecutionDate: '2026-11-05',
        debtorName: 'Sở LĐTBXH chi trả trợ cấp',
        debtorAccount: DEBTOR_ACCOUNT,
        debtorAgentBin: '970418',
        transactions: transfers,
      },
    ],
    ...overrides,
  };
}

export interface ListItem {
  paymentId: string;
  beneficiaryCode: string;
  programme: 'social_assistance' | 'social_pension' | 'meritorious';
  fullName: string;
  maskedId: string;
  amount: string;
  arrears: string;
  carriedOver: string;
  total: string;
  accountNumber?: string;
}

/** One line of a post-office payment list: 500,000 đồng for the month, nothing owed from before. */
export function listItem(paymentId: string, overrides: Partial<ListItem> = {}): ListItem {
  return {
    paymentId,
    beneficiaryCode: `BEN-${paymentId}`,
    programme: 'social_assistance',
    fullName: 'Nguyễn Thị Lan',
    maskedId: '0790******12',
    amount: '500000',
    arrears: '0',
    carriedOver: '0',
    total: '500000',
    ...overrides,
  };
}

/** A cash-point list whose declared count and total match its items, numbered from 1. */
export function cashList(batchId: string, items: ListItem[]) {
  return {
    batchId,
    month: '2026-11',
    kind: 'cash_point' as const,
    communeCode: '26734',
    pointCode: 'DCT-26734-01',
    itemCount: items.length,
    totalAmount: items.reduce((sum, i) => sum + BigInt(i.total), 0n).toString(),
    items: items.map((item, index) => ({ seq: index + 1, ...item })),
  };
}

/** An account list: no payment point, an account number on every item. */
export function accountList(batchId: string, items: ListItem[]) {
  const { month, communeCode, itemCount, totalAmount, items: numbered } = cashList(batchId, items);
  return { batchId, month, kind: 'account' as const, communeCode, itemCount, totalAmount, items: numbered };
}

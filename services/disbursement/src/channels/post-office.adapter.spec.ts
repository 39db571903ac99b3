import { loadDisbursementConfig } from '../config';
import type { BatchRef, PaymentForPartner } from './channel-adapter';
import { PostOfficeAccountAdapter, PostOfficeCashAdapter } from './post-office.adapter';

const config = loadDisbursementConfig({});

const payment = (patch: Partial<PaymentForPartner> = {}): PaymentForPartner => ({
  paymentId: 'P-2026-11-0001',
  personRef: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f',
  programme: 'social_pension',
  month: '2026-11',
  amount: '540000',
  arrearsAmount: '0',
  carriedOverAmount: '0',
  total: '540000',
  bankBin: null,
  account: null,
  holderName: 'Lê Thị Hoa',
  maskedNationalId: '091*******34',
  communeCode: '30307',
  cashPointCode: 'CP-30307-01',
  address: 'Ấp Phú Hòa 2',
  funeralSupport: false,
  ...patch,
});

interface SentList {
  kind: string;
  communeCode?: string;
  pointCode?: string;
  itemCount: number;
  totalAmount: string;
  items: { seq: number; fullName: string; maskedId: string; accountNumber?: string; address?: string }[];
}

const batch = (channel: BatchRef['channel'], groupKey: string): BatchRef => ({ batchId: 'B-1', runId: 'r-1', month: '2026-11', channel, groupKey, cursor: null });

describe("the post office's payment list (danh sách chi trả)", () => {
  // The post office's own schema (the sandbox's, strict) takes these lists in execution.int-spec.
  it("prints each payee's hamlet or address on a cash point's list", () => {
    const payload = new PostOfficeCashAdapter(config).buildPayload(batch('post_office_cash', '30307/CP-30307-01'), [
      payment(),
      payment({ paymentId: 'P-2026-11-0002', holderName: 'Trần Văn Minh', address: null }),
    ]);
    const list = JSON.parse(payload) as SentList;
    expect(list).toMatchObject({ kind: 'cash_point', communeCode: '30307', pointCode: 'CP-30307-01', itemCount: 2, totalAmount: '1080000' });
    expect(list.items.map((item) => [item.seq, item.fullName, item.maskedId, item.address])).toEqual([
      [1, 'Lê Thị Hoa', '091*******34', 'Ấp Phú Hòa 2'],
      [2, 'Trần Văn Minh', '091*******34', undefined],
    ]);
  });

  it('sends no address with account credits: the account says where the money goes', () => {
    const payload = new PostOfficeAccountAdapter(config).buildPayload(batch('post_office_account', 'account'), [payment({ account: '0663779039', cashPointCode: null })]);
    const [item] = (JSON.parse(payload) as SentList).items;
    expect(item).toMatchObject({ accountNumber: '0663779039' });
    expect(item).not.toHaveProperty('address');
  });
});

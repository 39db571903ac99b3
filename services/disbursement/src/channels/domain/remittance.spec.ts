import { MAX_TEXT_LENGTH, parsePain001 } from '@benefits/iso20022';
import { loadDisbursementConfig } from '../../config';
import { BankAdapter } from '../bank.adapter';
import type { BatchRef, PaymentForPartner } from '../channel-adapter';

const ID = 'P0123456789ABCDEFGHIJKLMNOPQRSTUVW';
const payment = (patch: Partial<PaymentForPartner>): PaymentForPartner => ({
  paymentId: ID,
  personRef: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f',
  programme: 'social_assistance',
  month: '2026-11',
  months: ['2026-11'],
  amount: '500000',
  arrearsAmount: '0',
  carriedOverAmount: '0',
  total: '500000',
  bankBin: '970436',
  account: '0123456789',
  holderName: 'Nguyễn Văn Đức',
  maskedNationalId: '091*******34',
  communeCode: '30307',
  cashPointCode: null,
  address: null,
  funeralSupport: false,
  ...patch,
});
// A key of the time before departments (any programme may be in it): the narrative is what is looked at here.
const batch: BatchRef = { batchId: 'B0123456789ABCDEF0123456789ABCDEF', runId: 'r', month: '2026-11', channel: 'bank', groupKey: '970436', cursor: null };

/** The RmtInf/Ustrd the bank receives for the payment, read back from the pain.001. */
function narrative(patch: Partial<PaymentForPartner>): string | undefined {
  const xml = new BankAdapter(loadDisbursementConfig({ NODE_ENV: 'test' })).buildPayload(batch, [payment(patch)]);
  return parsePain001(xml).paymentInstructions[0].transactions[0].remittanceInfo;
}

describe('the bank narrative (RmtInf/Ustrd): the months a payment pays, in ASCII, within 140 characters', () => {
  it.each<[string, Partial<PaymentForPartner>, string]>([
    ["the month's own payment", {}, `TRO CAP XA HOI T11/2026 ${ID}`],
    [
      'the month and arrears for earlier months (one carried over, listed twice): the earlier months named too',
      { months: ['2026-11', '2026-10', '2026-08', '2026-10'], arrearsAmount: '180000', total: '680000' },
      `TRO CAP XA HOI T11/2026 (GOM T08/2026, T10/2026) ${ID}`,
    ],
    [
      'arrears alone (a decision that has stopped): the months they are for, not the run\'s',
      { months: ['2026-09', '2026-08'], amount: '0', arrearsAmount: '360000', total: '360000' },
      `TRUY LINH TRO CAP XA HOI T08/2026, T09/2026 ${ID}`,
    ],
    [
      'arrears alone, their months unknown: the run named as its period',
      { months: [], amount: '0', arrearsAmount: '360000', total: '360000' },
      `TRUY LINH TRO CAP XA HOI KY T11/2026 ${ID}`,
    ],
    ['a funeral support', { programme: 'meritorious', funeralSupport: true }, `HO TRO MAI TANG TRO CAP UU DAI NGUOI CO CONG T11/2026 ${ID}`],
  ])('%s', (_case, patch, text) => {
    expect(narrative(patch)).toBe(text);
  });

  it('names many months by their count and span rather than overflow the field (a bank refuses the whole file)', () => {
    // Fourteen months of arrears, not consecutive: too many to list beside the longest programme name.
    const months = ['2025-01', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-12', '2026-01', '2026-02', '2026-03', '2026-05'];
    const text = narrative({ programme: 'meritorious', funeralSupport: true, months: ['2026-11', ...months] });
    expect(text).toBe(`HO TRO MAI TANG TRO CAP UU DAI NGUOI CO CONG T11/2026 (GOM 14 THANG TU T01/2025 DEN T05/2026) ${ID}`);
    expect(text?.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    const alone = narrative({ programme: 'meritorious', months, amount: '0' });
    expect(alone).toBe(`TRUY LINH TRO CAP UU DAI NGUOI CO CONG 14 THANG TU T01/2025 DEN T05/2026 ${ID}`);
  });
});

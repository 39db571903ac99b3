import { parsePain001 } from '@benefits/iso20022';
import { loadDisbursementConfig } from '../../config';
import { BankAdapter } from '../bank.adapter';
import type { BatchRef, PaymentForPartner } from '../channel-adapter';
import { debitedDepartment, departmentOfGroupKey, payingAccount, payingAccounts, payingDepartment } from './paying-account';

const config = loadDisbursementConfig({ NODE_ENV: 'test' });
const payment = (paymentId: string, programme: PaymentForPartner['programme']): PaymentForPartner => ({
  paymentId,
  personRef: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f',
  programme,
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
});
const batch = (groupKey: string): BatchRef => ({ batchId: 'B0123456789ABCDEF0123456789ABCDEF', runId: 'r', month: '2026-11', channel: 'bank', groupKey, cursor: null });

describe('who pays: the Department of Health for social assistance and the social pension, Home Affairs for meritorious service', () => {
  it('tells each programme its department and account', () => {
    expect(['social_assistance', 'social_pension', 'meritorious'].map((p) => payingDepartment(p as PaymentForPartner['programme']))).toEqual(['health', 'health', 'home_affairs']);
    expect(payingAccount(config, 'health')).toEqual({ name: 'So Y te tinh An Giang', account: '1234567890', bin: '970418' });
    expect(payingAccount(config, 'home_affairs')).toEqual({ name: 'So Noi vu tinh An Giang', account: '2234567890', bin: '970418' });
    expect(payingAccounts(config)).toEqual(['1234567890', '2234567890']);
    // One account for both (a province that pays from one): asked once.
    expect(payingAccounts({ ...config, HOME_AFFAIRS_DEBTOR_ACCOUNT: config.DEBTOR_ACCOUNT })).toEqual(['1234567890']);
  });

  it("reads a bank batch's department from its group key; one planned before departments were told apart is Health's", () => {
    expect([departmentOfGroupKey('970436/home_affairs'), departmentOfGroupKey('970436/health'), departmentOfGroupKey('970436')]).toEqual(['home_affairs', 'health', 'health']);
    // Reconciled against the statement of the account it left from: a meritorious payment of a batch planned before
    // the split was debited from Health's account; a payment in no bank batch (post office) goes by its programme.
    expect([debitedDepartment('meritorious', '970436'), debitedDepartment('meritorious', '970436/home_affairs'), debitedDepartment('meritorious', null), debitedDepartment('social_pension', null)]).toEqual([
      'health',
      'home_affairs',
      'home_affairs',
      'health',
    ]);
  });

  it("debits a meritorious file from Home Affairs' account, and refuses to put a payment of another department in it", () => {
    const adapter = new BankAdapter(config);
    const [block] = parsePain001(adapter.buildPayload(batch('970436/home_affairs'), [payment('PA', 'meritorious')])).paymentInstructions;
    expect([block.debtorName, block.debtorAccount]).toEqual(['SO NOI VU TINH AN GIANG', '2234567890']);
    const [health] = parsePain001(adapter.buildPayload(batch('970436/health'), [payment('PB', 'social_pension')])).paymentInstructions;
    expect([health.debtorName, health.debtorAccount]).toEqual(['SO Y TE TINH AN GIANG', '1234567890']);
    expect(() => adapter.buildPayload(batch('970436/health'), [payment('PB', 'social_assistance'), payment('PC', 'meritorious')])).toThrow(/holds payment PC of meritorious/);
  });

  it('still builds a file planned before departments were told apart (its key the BIN alone), debited as planned: from Health', () => {
    const adapter = new BankAdapter(config);
    const [block] = parsePain001(adapter.buildPayload(batch('970436'), [payment('PA', 'social_assistance'), payment('PB', 'meritorious')])).paymentInstructions;
    expect([block.debtorAccount, block.transactions.length]).toEqual(['1234567890', 2]);
  });
});

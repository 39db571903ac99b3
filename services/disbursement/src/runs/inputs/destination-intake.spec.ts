import { randomBytes } from 'node:crypto';
import type { Destination } from '@benefits/contracts';
import { AtRestCipher, TransportCipher } from '../../common/pii';
import { intakeDestination } from './destination-intake';

const key = () => randomBytes(32).toString('base64');
const transport = new TransportCipher({ current: 't1', keys: { t1: key() }, hashKey: key() });
const atRest = new AtRestCipher({ current: 'k1', keys: { k1: key() }, hashKey: key() });
const base: Destination = { personRef: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f', channel: 'bank', bankBin: '970436', accountHolderName: 'Nguyễn Văn Đức', communeCode: '30316' };

describe('taking a destination off the wire', () => {
  it('decrypts with the transport key, stores with the at-rest key, hashes and masks', () => {
    const stored = intakeDestination({ ...base, accountCipher: transport.encrypt('0011002233445') }, transport, atRest);
    expect(stored).toMatchObject({ accountMasked: '*********3445', accountHash: atRest.lookupHash('0011002233445'), problem: null });
    expect(atRest.decrypt(stored.accountCipher ?? '')).toBe('0011002233445');
    expect(JSON.stringify(stored)).not.toContain('0011002233445');
  });

  it('keeps an undecryptable or missing account as a problem, never as an error', () => {
    const foreign = new TransportCipher({ current: 't9', keys: { t9: key() }, hashKey: key() });
    expect(intakeDestination({ ...base, accountCipher: foreign.encrypt('0011002233445') }, transport, atRest)).toMatchObject({ problem: 'ACCOUNT_UNREADABLE', accountCipher: null });
    expect(intakeDestination({ ...base, accountCipher: 'garbage' }, transport, atRest).problem).toBe('ACCOUNT_UNREADABLE');
    expect(intakeDestination(base, transport, atRest).problem).toBe('ACCOUNT_MISSING');
    expect(intakeDestination({ ...base, accountCipher: transport.encrypt('12-34-56') }, transport, atRest).problem).toBe('ACCOUNT_INVALID');
  });

  it('takes a deceased person\'s funeral payee: cash at the commune\'s post office for the family, no account', () => {
    const family = { ...base, channel: 'post_office_cash' as const, bankBin: undefined, accountHolderName: 'Người lo mai táng cho Nguyễn Văn Đức', cashPointCode: 'BDVHX-30316', maskedNationalId: '079*******34' };
    expect(intakeDestination(family, transport, atRest)).toMatchObject({
      channel: 'post_office_cash', holderName: 'Người lo mai táng cho Nguyễn Văn Đức', cashPointCode: 'BDVHX-30316', accountCipher: null, problem: null,
    });
  });

  it('keeps the address of a payee paid in cash only: the cash list prints it, nothing else needs it', () => {
    const cash = { ...base, channel: 'post_office_cash' as const, bankBin: undefined, cashPointCode: 'CP-30316-01', address: 'Ấp Phú Hòa 2' };
    expect(intakeDestination(cash, transport, atRest).address).toBe('Ấp Phú Hòa 2');
    expect(intakeDestination({ ...cash, address: undefined }, transport, atRest).address).toBeNull();
    expect(intakeDestination({ ...base, accountCipher: transport.encrypt('0011002233445'), address: 'Ấp Phú Hòa 2' }, transport, atRest).address).toBeNull();
  });

  it('never keeps a whole ID number, even if one is sent where a masked one belongs', () => {
    expect(intakeDestination({ ...base, channel: 'post_office_cash', cashPointCode: 'P1', maskedNationalId: '079203001234' }, transport, atRest).maskedNationalId).toBe('079*******34');
    expect(intakeDestination({ ...base, channel: 'post_office_cash', cashPointCode: 'P1', maskedNationalId: '079*******34' }, transport, atRest).maskedNationalId).toBe('079*******34');
  });

  // Written as people write it (groups, a stray space): all digits of the number, printed on the cash list and sent to the post office.
  it.each(['079 203 001 234', '079-203-001-234', ' 079203001234', '079203001234 '])('never keeps a whole ID number written with separators (%j)', (written) => {
    expect(intakeDestination({ ...base, channel: 'post_office_cash', cashPointCode: 'P1', maskedNationalId: written }, transport, atRest).maskedNationalId).toBe('079*******34');
  });
});

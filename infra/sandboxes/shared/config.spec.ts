import { loadBankConfig } from '../bank/config';
import { loadPostOfficeConfig } from '../post-office/config';
import { ConfigError } from './config';

describe('sandbox configuration from the environment', () => {
  it('gives the bank its defaults, the late and return delays following the outcome delay', () => {
    const config = loadBankConfig({ BANK_OUTCOME_DELAY_MS: '100', BANK_CALLBACK_URL: '' });
    expect(config).toMatchObject({ port: 4101, outcomeDelayMs: 100, lateDelayMs: 500, returnDelayMs: 300, seed: 'sandbox', faults: {} });
    expect(config.callbackUrl).toBeUndefined();
  });

  it('reads faults, batch booking and a seed', () => {
    const config = loadBankConfig({ BANK_FAULTS: 'drop-line,alter-amount', BANK_BATCH_BOOKING: 'true', BANK_SEED: 'demo', BANK_RETURN_DELAY_MS: '7' });
    expect(config).toMatchObject({ faults: { dropLine: {}, alterAmount: { delta: '1000' } }, batchBooking: true, seed: 'demo', returnDelayMs: 7 });
  });

  it('stops on a wrong setting, naming every problem', () => {
    expect(() => loadBankConfig({ BANK_PORT: 'eighty', BANK_FAULTS: 'burn' })).toThrow(ConfigError);
    expect(() => loadBankConfig({ BANK_PORT: 'eighty', BANK_FAULTS: 'burn' })).toThrow(/BANK_PORT: .*; BANK_FAULTS: unknown fault "burn"/);
    expect(() => loadPostOfficeConfig({ POST_OFFICE_BALANCE_POLICY: 'burn' })).toThrow(/POST_OFFICE_BALANCE_POLICY/);
  });

  it('gives the post office its defaults', () => {
    expect(loadPostOfficeConfig({})).toMatchObject({ port: 4102, outcomeDelayMs: 2000, notCollectedPercent: 5, balancePolicy: 'kept' });
  });
});

import { createLogger } from './logging';

/** The JSON lines a logger wrote. */
function logged(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const logger = createLogger('test', 'info', { write: (line: string) => lines.push(line) });
  write(logger);
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('logs never hold a whole ID, account or phone number', () => {
  it('redacts the personal fields wherever they sit, and masks long numbers in any text', () => {
    const [line] = logged((logger) =>
      logger.info(
        { nationalId: '079203001234', phone: '0912 345 678', person: { phone: '0912345678', accountNumber: '0071000123456' }, note: 'tk 0071000123456' },
        'paid 079203001234',
      ),
    );
    expect(line).toMatchObject({
      nationalId: '[redacted]',
      phone: '[redacted]',
      person: { phone: '[redacted]', accountNumber: '[redacted]' },
      note: 'tk 00*********56',
      msg: 'paid 07********34',
    });
  });

  it('redacts personal fields at any depth and however they are spelt, short ones too', () => {
    const [line] = logged((logger) =>
      logger.warn({ body: { destination: { accountNumber: '12345678', account_number: '87654321', phone_number: '0912 345 678' }, caredForNationalId: '079203001234' }, accountMasked: '****5678' }, 'refused'),
    );
    expect(line).toMatchObject({
      body: { destination: { accountNumber: '[redacted]', account_number: '[redacted]', phone_number: '[redacted]' }, caredForNationalId: '[redacted]' },
      accountMasked: '****5678',
    });
  });

  it('redacts credentials wherever they sit, and a bearer token quoted in a message', () => {
    const [line] = logged((logger) =>
      logger.error(
        { partner: { request: { headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'x-api-key': 'k-123', cookie: 'sid=abc' } } } },
        'callback refused: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
      ),
    );
    expect(line).toMatchObject({
      partner: { request: { headers: { Authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]' } } },
      msg: 'callback refused: Authorization: Bearer [redacted]',
    });
  });

  it('masks a phone, ID or account number written in groups', () => {
    const [line] = logged((logger) => logger.info({ note: 'gọi 0912 345 678' }, 'CCCD 079-203-001-234 on 2026-11-29 10:15:00'));
    expect(line).toMatchObject({ note: 'gọi 09******78', msg: 'CCCD 07********34 on 2026-11-29 10:15:00' });
  });

  it('does not pass an object nested too deep to be masked', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { account: '0071000123456' } } } } } } } };
    const [line] = logged((logger) => logger.info(deep, 'deep'));
    expect(JSON.stringify(line)).not.toContain('0071000123456');
  });
});

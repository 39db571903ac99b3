import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { FetchStatementDto } from './reconciliation.dto';

/** The pipe every service installs (libs/platform/src/bootstrap.ts). */
const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
const body = (value: unknown) => pipe.transform(value, { type: 'body', metatype: FetchStatementDto });

describe('POST /statements/fetch body', () => {
  it("admits a bank statement's day and a run of the post office", async () => {
    await expect(body({ source: 'bank', date: '2026-11-05' })).resolves.toMatchObject({ date: '2026-11-05' });
    await expect(body({ source: 'bank', date: '2028-02-29' })).resolves.toMatchObject({ date: '2028-02-29' });
    await expect(body({ source: 'post_office', runId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' })).resolves.toMatchObject({ source: 'post_office' });
  });

  // Such a day went to the bank as it was: the finance officer saw 422 STATEMENT_MALFORMED ("GET … answered 400").
  it.each(['2026-13-05', '2026-11-31', '2027-02-29', '2026-00-10', '2026-1-5'])('refuses 400 naming the field a day that does not exist: %s', async (date) => {
    const error = await body({ source: 'bank', date }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadRequestException);
    expect(JSON.stringify((error as BadRequestException).getResponse())).toContain('date must be an existing day YYYY-MM-DD');
  });
});

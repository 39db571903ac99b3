import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ResendsQuery } from './payments.dto';

/** The pipe every service installs (libs/platform/src/bootstrap.ts). */
const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
const query = (metatype: ArgumentMetadata['metatype'], value: unknown) => pipe.transform(value, { type: 'query', metatype });

async function refusal(value: unknown): Promise<string[]> {
  const error = await query(ResendsQuery, value).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  return (error as BadRequestException).getResponse() as unknown as string[];
}

describe('GET /payments/resends query', () => {
  it('admits each status of a re-send request, and none', async () => {
    for (const status of ['PENDING', 'APPROVED', 'REJECTED']) await expect(query(ResendsQuery, { status })).resolves.toMatchObject({ status });
    await expect(query(ResendsQuery, {})).resolves.toEqual({});
  });

  it('refuses 400 naming the field an unknown status (a typo would list nothing, as if nothing were pending)', async () => {
    expect(JSON.stringify(await refusal({ status: 'pending' }))).toContain('status must be one of');
  });

  it('refuses 400 a status repeated in the query string', async () => {
    expect(JSON.stringify(await refusal({ status: ['PENDING', 'APPROVED'] }))).toContain('status');
  });

  it('admits a page size up to 500 and a cursor as the list gives it', async () => {
    await expect(query(ResendsQuery, { limit: '500', cursor: 'WyJyZXNlbmRzIl0' })).resolves.toMatchObject({ limit: 500, cursor: 'WyJyZXNlbmRzIl0' });
  });

  it('refuses 400 naming the field a page larger than 500, or none', async () => {
    expect(JSON.stringify(await refusal({ limit: '501' }))).toContain('limit must not be greater than 500');
    expect(JSON.stringify(await refusal({ limit: '0' }))).toContain('limit must not be less than 1');
  });

  it('refuses 400 naming the field a cursor that is not base64url', async () => {
    expect(JSON.stringify(await refusal({ cursor: 'a b/c=' }))).toContain('cursor must be the nextCursor of a page of this list');
  });
});

import { QueryFailedError } from 'typeorm';
import { isTransient } from './transient-error';

const pgError = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('from PostgreSQL'), { code }));

describe('isTransient: a calculation failure that trying again can fix', () => {
  it.each([
    ['a serialization failure', pgError('40001'), true],
    ['a deadlock', pgError('40P01'), true],
    ['a connection lost', pgError('08006'), true],
    ['the database shutting down', pgError('57P01'), true],
    ['too many connections', pgError('53300'), true],
    ['a lock not available', pgError('55P03'), true],
    ['no answer at all', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), true],
    ['a unique key violated', pgError('23505'), false],
    ['a check violated', pgError('23514'), false],
    ['a bug in the calculation', new TypeError("Cannot read properties of undefined (reading 'amount')"), false],
    ['something not an error', 'oops', false],
    ['nothing', null, false],
  ])('%s → %s', (_name, error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });
});

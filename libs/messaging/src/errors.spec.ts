import { InvalidEventError } from '@benefits/contracts';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { QueryFailedError } from 'typeorm';
import { errorCode, isStatementTimeout, isTransientError, PermanentError } from './errors';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('isTransientError', () => {
  it.each([
    ['serialization failure', pgError('40001')],
    ['deadlock', pgError('40P01')],
    ['lock timeout', pgError('55P03')],
    ['server shutting down', pgError('57P01')],
    ['connection failure (class 08)', pgError('08006')],
    ['too many connections', pgError('53300')],
    // The database's trouble, not the message's: dead-lettered, a payment outcome would be lost to its consumer.
    ['disk full', pgError('53100')],
    ['out of memory', pgError('53200')],
    ['an I/O error', pgError('58030')],
    ['a read-only transaction (failover to a standby)', pgError('25006')],
    ['a statement cancelled by its timeout', pgError('57014')],
    ['an idle transaction timed out', pgError('25P03')],
    // A service deployed before its migration ran, or a role without its grants: every message would fail the same
    // way and be dead-lettered; waiting, they are handled once the schema is there.
    ['a table missing (42P01)', pgError('42P01')],
    ['a column missing (42703)', pgError('42703')],
    ['a function missing (42883)', pgError('42883')],
    ['permission denied (42501)', pgError('42501')],
    ['a schema missing (3F000)', pgError('3F000')],
    ['a database missing (3D000)', pgError('3D000')],
    ["a handler's SQL the database does not read (42601): the code's fault, for every message alike", new QueryFailedError('SELEC', [], pgError('42601'))],
    ['TypeORM-wrapped deadlock', new QueryFailedError('UPDATE x', [], pgError('40P01'))],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['pg socket dropped', new Error('Connection terminated unexpectedly')],
    ['pool exhausted', new Error('timeout exceeded when trying to connect')],
    ['a wrapped transient error', new Error('while saving', { cause: pgError('40001') })],
    ['Kafka broker away', new KafkaJSConnectionError('Connection error')],
    ['Kafka retries exceeded', new KafkaJSNumberOfRetriesExceeded(new Error('x'), { retryCount: 5, retryTime: 1000 })],
    ['Kafka retriable protocol error', new KafkaJSProtocolError(Object.assign(new Error('x'), { type: 'LEADER_NOT_AVAILABLE', code: 5, retriable: true }))],
  ])('%s is transient', (_, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a PermanentError', new PermanentError('no such beneficiary', 'UNKNOWN_BENEFICIARY')],
    ['a PermanentError caused by a deadlock', new PermanentError('gave up', 'X', { cause: pgError('40P01') })],
    ['an InvalidEventError', new InvalidEventError('Invalid envelope')],
    ['a unique violation', pgError('23505')],
    ['a check violation', pgError('23514')],
    ['a number out of range', new QueryFailedError('INSERT', [], pgError('22003'))],
    ['an invalid text representation', pgError('22P02')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a non-retriable Kafka error', new KafkaJSNonRetriableError('bad')],
    ['a thrown string', 'boom'],
    ['nothing', undefined],
  ])('%s is permanent', (_, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});

describe('isStatementTimeout', () => {
  // Retried like the database's trouble, but a message that times out alone, again and again, is the message's.
  it.each([
    ['a statement cancelled by its timeout', pgError('57014')],
    ['a TypeORM-wrapped timeout', new QueryFailedError('SELECT', [], pgError('57014'))],
    ['a wrapped timeout', new Error('while pricing', { cause: pgError('57014') })],
  ])('%s is a statement timeout', (_, error) => {
    expect(isStatementTimeout(error)).toBe(true);
  });

  it.each([
    ['a deadlock', pgError('40P01')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a number out of range', pgError('22003')],
    ['a PermanentError caused by a timeout', new PermanentError('gave up', 'X', { cause: pgError('57014') })],
    ['nothing', undefined],
  ])('%s is not', (_, error) => {
    expect(isStatementTimeout(error)).toBe(false);
  });
});

describe('errorCode', () => {
  it.each([
    [new PermanentError('x', 'ZERO_AMOUNT'), 'ZERO_AMOUNT'],
    [new PermanentError('x'), 'PERMANENT_ERROR'],
    [new InvalidEventError('x'), 'INVALID_EVENT'],
    [new Error('x'), 'HANDLER_FAILED'],
    [Object.assign(new Error('x'), { code: 42 }), 'HANDLER_FAILED'],
  ])('of %p is %s', (error, code) => {
    expect(errorCode(error, 'HANDLER_FAILED')).toBe(code);
  });
});

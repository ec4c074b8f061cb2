import { describe, expect, it } from '@jest/globals';
import { unavailableDependency, unavailableMessage } from './dependency-errors.js';

const withFields = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);

describe('unavailableDependency', () => {
  it.each<[string, unknown, string | null]>([
    ['pg connection refused', withFields('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', address: '127.0.0.1', port: 5432 }), 'Database unavailable: connection refused'],
    ['pg-pool connect timeout', new Error('timeout exceeded when trying to connect'), 'Database unavailable: no connection within the timeout'],
    ['pg connect timeout', new Error('Connection terminated due to connection timeout'), 'Database unavailable: no connection within the timeout'],
    ['server gone mid-query', new Error('Connection terminated unexpectedly'), 'Database unavailable: connection lost'],
    ['fast shutdown of the server', withFields('terminating connection due to administrator command', { code: '57P01' }), 'Database unavailable: the server is shutting down'],
    ['server starting up', withFields('the database system is starting up', { code: '57P03' }), 'Database unavailable: the server is starting up'],
    ['QueryFailedError around a driver error', withFields('Query failed', { driverError: { code: '57P01', message: 'terminating connection' } }), 'Database unavailable: the server is shutting down'],
    ['too many connections', withFields('sorry, too many clients already', { code: '53300' }), 'Database unavailable: too many connections'],
    ['ioredis bounded retries', Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' }), 'Redis unavailable: not connected'],
    ['ioredis command timeout', new Error('Command timed out'), 'Redis unavailable: no answer within the timeout'],
    ['ioredis closed', new Error('Connection is closed.'), 'Redis unavailable: connection closed'],
    ['redis loading its AOF', new Error('LOADING Redis is loading the dataset in memory'), 'Redis unavailable: not ready'],
  ])('%s', (_, error, expected) => {
    const found = unavailableDependency(error);
    expect(found ? unavailableMessage(found) : null).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['a unique violation', withFields('duplicate key value', { code: '23505' })],
    ['a syntax error in SQL', withFields('syntax error at or near', { code: '42601' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'ECONNREFUSED'],
    ['null', null],
  ])('leaves %s alone', (_, error) => {
    expect(unavailableDependency(error)).toBeNull();
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronScheduleError, timeZoneError } from '../../server/src/core/rules/util/cron';
import { compareQuantities, formatQuantity, parseQuantity } from '../../server/src/core/model/quantity';
import { closest, editDistance } from '../../server/src/core/rules/util/suggest';

function q(text: string) {
  const parsed = parseQuantity(text);
  assert.ok(parsed, `expected ${text} to parse`);
  return parsed;
}

describe('quantities', () => {
  it('parses every suffix family and compares exactly', () => {
    assert.equal(compareQuantities(q('1'), q('1000m')), 0);
    assert.equal(compareQuantities(q('1Gi'), q('1024Mi')), 0);
    assert.equal(compareQuantities(q('1G'), q('1Gi')), -1);
    assert.equal(compareQuantities(q('1e3'), q('1k')), 0);
    assert.equal(compareQuantities(q('1.5'), q('1500m')), 0);
    assert.equal(compareQuantities(q('500m'), q('0.5')), 0);
    assert.equal(compareQuantities(q('2'), q('1')), 1);
    assert.equal(compareQuantities(q('1E'), q('1e18')), 0);
    assert.equal(compareQuantities(q('1n'), q('1u')), -1);
    assert.equal(compareQuantities(q(' 100Mi '), q('100Mi')), 0);
  });

  it('rejects what the API server rejects', () => {
    for (const bad of ['1gi', '1 Gi', 'abc', '1.2.3', '', '1Kb', '--1', 'Mi']) assert.equal(parseQuantity(bad), undefined, bad);
  });

  it('prints the canonical form', () => {
    assert.equal(formatQuantity(q('2000m')), '2');
    assert.equal(formatQuantity(q('1024Mi')), '1Gi');
    assert.equal(formatQuantity(q('1536Mi')), '1536Mi');
    assert.equal(formatQuantity(q('0.5')), '500m');
    assert.equal(formatQuantity(q('0.5Gi')), '512Mi');
    assert.equal(formatQuantity(q('1000')), '1k');
    assert.equal(formatQuantity(q('1500')), '1500');
    assert.equal(formatQuantity(q('1e3')), '1e3');
    assert.equal(formatQuantity(q('0')), '0');
    assert.equal(formatQuantity(q('100Ki')), '100Ki');
    assert.equal(formatQuantity(q('512')), '512');
  });
});

describe('cron schedules', () => {
  it('accepts standard schedules, names, steps, ? and descriptors', () => {
    for (const ok of [
      '* * * * *',
      '*/5 * * * *',
      '0 0 1 1 *',
      '30 2 * * MON-FRI',
      '0 12 * JAN,jul sun',
      '0 0-23/2 * * ?',
      '@daily',
      '@hourly',
      '@every 90s',
      '5 4 * * 0-6',
      '0 0 31 12 6',
    ]) {
      assert.equal(cronScheduleError(ok), undefined, ok);
    }
  });

  it('reports robfig/cron errors word for word', () => {
    assert.equal(cronScheduleError('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
    assert.equal(cronScheduleError('0 0 * * * *'), 'expected exactly 5 fields, found 6: [0 0 * * * *]');
    assert.equal(cronScheduleError('60 * * * *'), 'end of range (60) above maximum (59): 60');
    assert.equal(cronScheduleError('0 0 * * 7'), 'end of range (7) above maximum (6): 7');
    assert.equal(cronScheduleError('0 0 0 * *'), 'beginning of range (0) below minimum (1): 0');
    assert.equal(cronScheduleError('5-1 * * * *'), 'beginning of range (5) beyond end of range (1): 5-1');
    assert.equal(cronScheduleError('*/0 * * * *'), 'step of range should be a positive number: */0');
    assert.equal(cronScheduleError('x * * * *'), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    assert.equal(cronScheduleError('1-2-3 * * * *'), 'too many hyphens: 1-2-3');
    assert.equal(cronScheduleError('@fortnightly'), 'unrecognized descriptor: @fortnightly');
    assert.equal(cronScheduleError(''), 'empty spec string');
    assert.equal(cronScheduleError('0 0 L * *'), 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax');
  });

  it('parses a TZ= prefix (the CronJob check rejects it separately) but not an unknown zone', () => {
    assert.equal(cronScheduleError('TZ=UTC 0 0 * * *'), undefined);
    assert.equal(cronScheduleError('CRON_TZ=Nowhere/City 0 0 * * *'), 'provided bad location Nowhere/City: unknown time zone Nowhere/City');
  });

  it('validates time zones like Go time.LoadLocation', () => {
    assert.equal(timeZoneError('Europe/Paris'), undefined);
    assert.equal(timeZoneError('Etc/UTC'), undefined);
    assert.equal(timeZoneError('UTC'), undefined);
    assert.equal(timeZoneError('Mars/Olympus'), 'unknown time zone Mars/Olympus');
    assert.equal(timeZoneError('europe/paris'), 'unknown time zone europe/paris');
    assert.equal(timeZoneError('Local'), 'timezone must be an explicit time zone name, not "Local"');
    assert.equal(timeZoneError(''), 'timeZone must be nil or non-empty string');
    assert.equal(timeZoneError('../etc/passwd'), 'unknown time zone ../etc/passwd');
  });
});

describe('did-you-mean', () => {
  it('prefers a case-insensitive match, then the nearest value', () => {
    assert.equal(closest('always', ['Always', 'IfNotPresent', 'Never']), 'Always');
    assert.equal(closest('Allways', ['Always', 'IfNotPresent', 'Never']), 'Always');
    assert.equal(closest('lsit', ['get', 'list', 'watch']), 'list');
    assert.equal(closest('frobnicate', ['get', 'list', 'watch']), undefined);
    assert.equal(editDistance('lsit', 'list'), 1);
  });
});

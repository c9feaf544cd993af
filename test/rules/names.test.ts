import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldPath } from '../../server/src/core/model/locate';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelKey,
  isLabelValue,
  isRelaxedEnvVarName,
  isValidPathSegmentName,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from '../../server/src/core/rules/util/names';

describe('fieldPath', () => {
  it('writes map keys in brackets without quotes, as the API server does', () => {
    assert.equal(fieldPath(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels[app.kubernetes.io/name]');
    assert.equal(fieldPath(['spec', 'containers', 0, 'resources', 'limits', 'cpu']), 'spec.containers[0].resources.limits.cpu');
    assert.equal(fieldPath(['data', '.env']), 'data[.env]');
  });
});

describe('DNS names', () => {
  it('accepts RFC 1123 subdomains up to 253 bytes and rejects the rest with the API server text', () => {
    assert.deepEqual(isDNS1123Subdomain('my-app.example.com'), []);
    assert.deepEqual(isDNS1123Subdomain('My_App'), [
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    assert.deepEqual(isDNS1123Subdomain('a'.repeat(253)), []);
    assert.deepEqual(isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 bytes']);
  });

  it('says "must not contain dots" for a subdomain where a label is needed', () => {
    assert.deepEqual(isDNS1123Label('web.v2'), ['must not contain dots']);
    assert.deepEqual(isDNS1123Label('123-abc'), []);
    assert.equal(isDNS1123Label('a'.repeat(64))[0], 'must be no more than 63 bytes');
    assert.match(isDNS1123Label('-web')[0], /^a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'/);
  });

  it('requires DNS-1035 labels to start with a letter', () => {
    assert.deepEqual(isDNS1035Label('web-1'), []);
    assert.deepEqual(isDNS1035Label('1web'), [
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('lets generateName end with a dash', () => {
    assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
    assert.equal(nameIsDNSSubdomain('web-', false).length, 1);
  });

  it('counts lengths in UTF-8 bytes', () => {
    assert.deepEqual(isLabelValue('é'.repeat(32)).slice(0, 1), ['must be no more than 63 bytes']);
  });
});

describe('label keys and values', () => {
  it('accepts prefixed keys and rejects bad prefixes and names', () => {
    assert.deepEqual(isLabelKey('app.kubernetes.io/name'), []);
    assert.deepEqual(isLabelKey('Tier_2'), []);
    assert.deepEqual(isLabelKey('/name'), ['prefix part must be non-empty']);
    assert.match(isLabelKey('Example.com/name')[0], /^prefix part a lowercase RFC 1123 subdomain/);
    assert.equal(isLabelKey('a/b/c').length, 1);
    assert.match(isLabelKey('a/b/c')[0], /^a valid label key must consist of alphanumeric characters/);
    assert.deepEqual(isLabelKey('app/'), [
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('allows empty label values but not spaces or a leading dash', () => {
    assert.deepEqual(isLabelValue(''), []);
    assert.deepEqual(isLabelValue('v1.2_rc-3'), []);
    assert.equal(isLabelValue('two words').length, 1);
    assert.equal(isLabelValue('-x').length, 1);
  });
});

describe('ports and other names', () => {
  it('validates IANA service names for ports', () => {
    assert.deepEqual(isValidPortName('http-alt'), []);
    assert.deepEqual(isValidPortName('8080'), ['must contain at least one letter (a-z)']);
    assert.deepEqual(isValidPortName('http--alt'), ['must not contain consecutive hyphens']);
    assert.deepEqual(isValidPortName('-http'), ['must not begin or end with a hyphen']);
    assert.deepEqual(isValidPortName('a-very-long-port-name'), ['must be no more than 15 bytes']);
    assert.deepEqual(isValidPortName('HTTP'), [
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must contain at least one letter (a-z)',
    ]);
  });

  it('validates port numbers', () => {
    assert.deepEqual(isValidPortNum(1), []);
    assert.deepEqual(isValidPortNum(65535), []);
    assert.deepEqual(isValidPortNum(70000), ['must be between 1 and 65535, inclusive']);
    assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  });

  it('validates ConfigMap keys, path segments, percents and env names', () => {
    assert.deepEqual(isConfigMapKey('.env'), []);
    assert.deepEqual(isConfigMapKey('..data'), ["must not start with '..'"]);
    assert.equal(isConfigMapKey('a b').length, 1);
    assert.deepEqual(isValidPathSegmentName('system:controller:x'), []);
    assert.deepEqual(isValidPathSegmentName('..'), ["may not be '..'"]);
    assert.deepEqual(isValidPathSegmentName('a/b%c'), ["may not contain '/'", "may not contain '%'"]);
    assert.deepEqual(isValidPercent('25%'), []);
    assert.equal(isValidPercent('25').length, 1);
    assert.deepEqual(isRelaxedEnvVarName('my.env-NAME_1'), []);
    assert.deepEqual(isRelaxedEnvVarName('A=B'), ["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
  });
});

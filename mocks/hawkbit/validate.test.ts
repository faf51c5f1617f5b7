// @vitest-environment node
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hawkbitDocument } from './document';
import { requestChecker, type HawkbitRequest } from './validate';

const check = requestChecker(hawkbitDocument());

function request(
  method: string,
  target: string,
  body?: unknown,
  contentType: string | null = body === undefined ? null : 'application/json',
): HawkbitRequest {
  const url = new URL(target, 'http://hawkbit.local');
  return { method, path: url.pathname, query: url.searchParams, contentType, body };
}

describe("requests checked against hawkBit's Management API document", () => {
  it('is the document hawkBit published, unchanged', () => {
    const bytes = readFileSync(new URL('./mgmt-openapi.json', import.meta.url));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '6f44553b4e0155211313cd81376eab69b6036dfd90a0a837c68c90d4577ce60a',
    );
  });

  it('takes a page of targets with RSQL, sort, offset and limit', () => {
    const checked = check(
      request(
        'GET',
        '/rest/v1/targets?q=targetType.key%3D%3Dcamera&sort=name:ASC&offset=50&limit=50',
      ),
    );
    expect(checked).toMatchObject({ ok: true, operationId: 'getTargets' });
  });

  it('refuses a parameter hawkBit does not define, or one that does not fit', () => {
    expect(check(request('GET', '/rest/v1/targets?limt=50&offset=ten'))).toEqual({
      ok: false,
      status: 400,
      problems: [
        'query parameter limt is not defined for this operation',
        'query parameter offset must be an integer, not "ten"',
      ],
    });
    expect(check(request('GET', '/rest/v1/rollouts/abc'))).toMatchObject({
      ok: false,
      problems: ['path parameter rolloutId must be an integer, not "abc"'],
    });
  });

  it('refuses a path or a method hawkBit does not define', () => {
    expect(check(request('GET', '/rest/v1/devices'))).toMatchObject({ ok: false, status: 404 });
    expect(check(request('PATCH', '/rest/v1/targets/cam-0001'))).toMatchObject({
      ok: false,
      status: 405,
      problems: ['hawkBit defines no PATCH /rest/v1/targets/{targetId}'],
    });
  });

  it('checks an assignment body, maintenance window included, against its schema', () => {
    const assignment = [
      {
        id: 'panel-1011',
        type: 'forced',
        maintenanceWindow: { schedule: '0 0 8 ? * SUN', duration: '04:00:00', timezone: '-05:00' },
      },
    ];
    const path = '/rest/v1/distributionsets/7/assignedTargets';
    expect(check(request('POST', path, assignment))).toMatchObject({
      ok: true,
      params: { distributionSetId: '7' },
    });
    const wrong = check(request('POST', path, [{ id: 'panel-1011', type: 'now' }]));
    expect(wrong).toMatchObject({ ok: false, status: 400 });
    expect(wrong.ok ? [] : wrong.problems).toContain(
      'body.0.type must be equal to one of the allowed values',
    );
    expect(check(request('POST', path, { id: 'panel-1011' }))).toMatchObject({
      ok: false,
      problems: ['body must be array'],
    });
    expect(check(request('POST', path, assignment, 'text/plain'))).toMatchObject({
      ok: false,
      status: 415,
    });
  });

  it("knows what hawkBit's source adds to the document: stop, and PAUSE after a group", () => {
    expect(check(request('POST', '/rest/v1/rollouts/12/stop'))).toMatchObject({ ok: true });
    expect(check(request('POST', '/rest/v1/rollouts/12/stop', { now: true }))).toMatchObject({
      ok: false,
      problems: ['this operation takes no request body'],
    });
    const rollout = (action: string) => ({
      name: 'Nord GSM 5.40',
      distributionSetId: 7,
      targetFilterQuery: 'targetType.key==nord-gsm',
      amountGroups: 4,
      successAction: { action, expression: '' },
    });
    expect(check(request('POST', '/rest/v1/rollouts', rollout('PAUSE')))).toMatchObject({
      ok: true,
    });
    expect(check(request('POST', '/rest/v1/rollouts', rollout('STOP')))).toMatchObject({
      ok: false,
      problems: ['body.successAction.action must be equal to one of the allowed values'],
    });
  });
});

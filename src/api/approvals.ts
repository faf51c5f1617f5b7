import { z } from 'zod/mini';
import { defineEndpoint } from './endpoint';
import { named, RequestId } from './registry';
import {
  instant,
  RolloutPlanPreview,
  RolloutRules,
  RolloutSelection,
  WavePlan,
} from './rollout-plan';
import { Operator } from './session';
import { UpdateAllPlan } from './sites';
import { plural } from '@/lib/format';

/**
 * Approvals: changes that need a second person. An administrator sets, for the fleet and per
 * device type, which site changes need one (staged rollouts, "Update all sites", any change of
 * more than N sites). Such a change is not made at once: it is asked for, waits with who asked,
 * what it will do and until when the request stands, and is made when another person with the
 * permission approves it; never by the one who asked.
 */

export const APPROVAL_STANDS_DEFAULT_HOURS = 24;
export const APPROVAL_STANDS_MAX_HOURS = 7 * 24;

export const ApprovalRules = named(
  'ApprovalRules',
  'Which site changes of a device type need a second person’s approval, and how long a request stands.',
  z.object({
    rollouts: z.boolean().check(z.core.describe('Every staged rollout.')),
    updateAll: z.boolean().check(z.core.describe('Every "Update all sites".')),
    aboveSites: z
      .nullable(z.int().check(z.minimum(1, 'Use a number of sites of at least 1.')))
      .check(
        z.core.describe(
          'Any rollout or "Update all sites" of more than this many sites (null: no size limit).',
        ),
      ),
    standsHours: z
      .int()
      .check(
        z.minimum(1, 'A request stands at least 1 hour.'),
        z.maximum(APPROVAL_STANDS_MAX_HOURS, 'A request stands at most 168 hours (a week).'),
        z.core.describe('How long a request waits for a decision before it expires.'),
      ),
  }),
);
export type ApprovalRules = z.infer<typeof ApprovalRules>;

/** The rules of a fleet nobody has set any for: nothing needs approval. */
export const NO_APPROVAL_RULES: ApprovalRules = {
  rollouts: false,
  updateAll: false,
  aboveSites: null,
  standsHours: APPROVAL_STANDS_DEFAULT_HOURS,
};

/**
 * Approval rules in words: "Rollouts, “Update all sites” and changes of more than 50 sites
 * need approval; requests stand 24 hours."
 */
export function rulesWords(rules: ApprovalRules): string {
  const parts: string[] = [];
  if (rules.rollouts) parts.push('rollouts');
  if (rules.updateAll) parts.push('“Update all sites”');
  if (rules.aboveSites !== null)
    parts.push(`changes of more than ${plural(rules.aboveSites, 'site')}`);
  if (parts.length === 0) return 'Nothing needs approval.';
  const verb = parts.length === 1 && rules.updateAll ? 'needs' : 'need';
  const last = parts.pop() ?? '';
  const named = parts.length === 0 ? last : `${parts.join(', ')} and ${last}`;
  return `${named.charAt(0).toUpperCase()}${named.slice(1)} ${verb} approval; requests stand ${plural(rules.standsHours, 'hour')}.`;
}

export const ApprovalRulesList = named(
  'ApprovalRulesList',
  'The fleet’s approval rules, and each device type’s own (null: the type follows the fleet’s).',
  z.object({
    fleet: ApprovalRules,
    deviceTypes: z.array(z.object({ deviceType: z.string(), rules: z.nullable(ApprovalRules) })),
  }),
);
export type ApprovalRulesList = z.infer<typeof ApprovalRulesList>;

export const SetApprovalRulesRequest = named(
  'SetApprovalRulesRequest',
  'Sets the fleet’s rules (`deviceType` null), or a device type’s own (`rules` null: the type follows the fleet’s again). Requests already waiting keep the rules they were asked under.',
  z.object({
    deviceType: z.nullable(z.string().check(z.minLength(1))),
    rules: z.nullable(ApprovalRules),
  }),
);
export type SetApprovalRulesRequest = z.infer<typeof SetApprovalRulesRequest>;

/** A change that can wait for approval: a staged rollout as planned, or "Update all sites". */
export const ApprovalChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rollout'),
    selection: RolloutSelection,
    plan: WavePlan,
    rules: RolloutRules,
  }),
  z.object({ kind: z.literal('update-all') }),
]);
export type ApprovalChange = z.infer<typeof ApprovalChange>;

/**
 * `waiting` for a decision; `approved` (the change was made); `denied`; `expired` (no decision
 * before `expiresAt`); `withdrawn` by the one who asked.
 */
export const ApprovalStatus = z.enum(['waiting', 'approved', 'denied', 'expired', 'withdrawn']);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  waiting: 'Waiting for approval',
  approved: 'Approved',
  denied: 'Denied',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

const Comment = z.string().check(z.trim(), z.maxLength(500, 'Use at most 500 characters.'));

export const Approval = named(
  'Approval',
  'A change asked for and what became of it: who asked, what it does, why it waits, until when, and who decided.',
  z.object({
    id: z.string(),
    deviceType: z.string(),
    change: ApprovalChange,
    title: z
      .string()
      .check(
        z.core.describe('What the change is, in words: "Staged rollout of Nord GSM to 5.40".'),
      ),
    sites: z
      .int()
      .check(
        z.minimum(0),
        z.core.describe('How many sites it changes (when asked, or when made).'),
      ),
    why: z
      .string()
      .check(
        z.core.describe(
          'Why it needs approval, in words: "Rollouts of Nord GSM need a second person’s approval."',
        ),
      ),
    status: ApprovalStatus,
    requestedBy: Operator,
    requestedAt: instant,
    note: z.nullable(z.string()).check(z.core.describe('What the one who asked wrote.')),
    expiresAt: instant,
    decidedBy: z.nullable(Operator),
    decidedAt: z
      .nullable(instant)
      .check(z.core.describe('Approved, denied, withdrawn or expired.')),
    comment: z.nullable(z.string()).check(z.core.describe('The decision’s comment.')),
    rolloutId: z
      .nullable(z.string())
      .check(z.core.describe('The rollout its approval started (rollouts only).')),
    preview: z
      .nullable(RolloutPlanPreview)
      .check(z.core.describe('While waiting, what the rollout would do if approved now.')),
    updateAll: z
      .nullable(UpdateAllPlan)
      .check(z.core.describe('While waiting, what "Update all sites" would do if approved now.')),
  }),
);
export type Approval = z.infer<typeof Approval>;

export const ApprovalList = named(
  'ApprovalList',
  'Approval requests, waiting first, then the newest decided.',
  z.object({
    items: z.array(Approval).check(z.maxLength(200)),
    waiting: z.int().check(z.minimum(0), z.core.describe('How many wait for a decision.')),
  }),
);
export type ApprovalList = z.infer<typeof ApprovalList>;

export const AskApprovalRequest = named(
  'AskApprovalRequest',
  'Asks for a change to be approved. Repeating a `requestId` returns the first request.',
  z.object({
    requestId: RequestId,
    deviceType: z.string().check(z.minLength(1)),
    change: ApprovalChange,
    note: z.optional(Comment),
  }),
);
export type AskApprovalRequest = z.infer<typeof AskApprovalRequest>;

export const ApproveRequest = named(
  'ApproveRequest',
  'Approves a waiting request, with an optional comment: the change is made now.',
  z.object({ comment: z.optional(Comment) }),
);
export type ApproveRequest = z.infer<typeof ApproveRequest>;

export const DenyRequest = named(
  'DenyRequest',
  'Denies a waiting request, saying why.',
  z.object({
    comment: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'Say why the change is denied, for the one who asked.'),
        z.maxLength(500, 'Use at most 500 characters.'),
      ),
  }),
);
export type DenyRequest = z.infer<typeof DenyRequest>;

const ApprovalParams = z.object({ approvalId: z.string().check(z.minLength(1)) });
const ApprovalQuery = z.object({
  status: z.optional(ApprovalStatus),
  deviceType: z.optional(z.string().check(z.minLength(1))),
});

const tag = 'Approvals';
const notFound = '404 `approval_not_found`';
const ended = '409 `approval_ended` (no longer waiting: the message says what became of it)';

export const approvalEndpoints = {
  rules: defineEndpoint({
    id: 'getApprovalRules',
    method: 'GET',
    path: '/approval-rules',
    tag,
    summary: 'Which changes need a second person, for the fleet and each device type',
    response: ApprovalRulesList,
    errors: [501],
  }),
  setRules: defineEndpoint({
    id: 'setApprovalRules',
    permission: 'change-approval-rules',
    method: 'PUT',
    path: '/approval-rules',
    tag,
    summary: 'Set the fleet’s approval rules, or a device type’s own',
    description:
      'A type the fleet does not have answers 404 `not_found`; the fleet’s rules cannot be null (400 `validation_failed`).',
    body: SetApprovalRulesRequest,
    response: ApprovalRulesList,
    errors: [404, 501],
  }),
  list: defineEndpoint({
    id: 'listApprovals',
    method: 'GET',
    path: '/approvals',
    tag,
    summary: 'Approval requests: waiting first, then the newest decided (200 at most)',
    query: ApprovalQuery,
    response: ApprovalList,
    errors: [501],
  }),
  get: defineEndpoint({
    id: 'getApproval',
    method: 'GET',
    path: '/approvals/{approvalId}',
    tag,
    summary: 'One approval request',
    description: `Refused with ${notFound}.`,
    params: ApprovalParams,
    response: Approval,
    errors: [404, 501],
  }),
  ask: defineEndpoint({
    id: 'askApproval',
    permission: 'update-sites',
    method: 'POST',
    path: '/approvals',
    tag,
    summary: 'Ask for a rollout or "Update all sites" to be approved, once per requestId',
    description:
      'Checked as the change itself would be: 409 `rollout_in_progress`, 422 `no_sites` or `pilot_not_selected` for a rollout; 409 `approval_waiting` while the type has a request waiting for the same kind of change; 422 `idempotency_key_reused`. A change the rules do not name may be asked for too (a second look).',
    body: AskApprovalRequest,
    response: Approval,
    status: 201,
    errors: [404, 409, 422, 501],
  }),
  approve: defineEndpoint({
    id: 'approveChange',
    permission: 'approve-changes',
    method: 'POST',
    path: '/approvals/{approvalId}/approve',
    tag,
    summary: 'Approve a waiting request: the change is made now',
    description: `Refused with 403 \`own_request\` (the one who asked cannot approve it), ${ended}, the change’s own refusal when it cannot be made now (409 \`rollout_in_progress\`, 422 \`no_sites\`: the request keeps waiting), or ${notFound}.`,
    params: ApprovalParams,
    body: ApproveRequest,
    response: Approval,
    errors: [403, 404, 409, 422, 501],
  }),
  deny: defineEndpoint({
    id: 'denyChange',
    permission: 'approve-changes',
    method: 'POST',
    path: '/approvals/{approvalId}/deny',
    tag,
    summary: 'Deny a waiting request, with a comment',
    description: `Refused with 403 \`own_request\` (withdraw it instead), ${ended}, or ${notFound}.`,
    params: ApprovalParams,
    body: DenyRequest,
    response: Approval,
    errors: [403, 404, 409, 501],
  }),
  withdraw: defineEndpoint({
    id: 'withdrawApproval',
    permission: 'update-sites',
    method: 'POST',
    path: '/approvals/{approvalId}/withdraw',
    tag,
    summary: 'Withdraw a request you asked for',
    description: `Refused with 403 \`not_own_request\`, ${ended}, or ${notFound}.`,
    params: ApprovalParams,
    response: Approval,
    errors: [403, 404, 409, 501],
  }),
};

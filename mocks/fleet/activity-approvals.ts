import type { ActivityKind, ActivityScope } from '../../src/api/activity';
import { rulesWords } from '../../src/api/approvals';
import { plural } from '../../src/lib/format';
import type { Operation } from './operations';

type ApprovalOperation = Extract<Operation, { kind: `approval-${string}` }>;

function scope(text: string): ActivityScope {
  return { text, devices: null, sites: null, server: null };
}

/** " Approved by Ada Novak: “…”." after the entry of a change an approval made. */
export function approvedWords(
  approval: { id: string; by: { name: string }; comment: string | null } | undefined,
): string {
  if (!approval) return '';
  return ` Approved by ${approval.by.name} (request ${approval.id}).`;
}

const DECISIONS = {
  approve: ['approval-approve', 'Approve change', 'Approved: the change was made.'],
  deny: ['approval-deny', 'Deny change', 'Denied.'],
  withdraw: ['approval-withdraw', 'Withdraw approval request', 'Withdrawn.'],
} as const;

/** An approval operation as an activity entry's kind, summary, scope and result. */
export function approvalEntry(
  operation: ApprovalOperation,
): [ActivityKind, string, ActivityScope, string] {
  switch (operation.kind) {
    case 'approval-rules':
      return [
        'approval-rules',
        operation.deviceType === null
          ? 'Set the fleet’s approval rules'
          : operation.rules
            ? `Set ${operation.deviceType}’s own approval rules`
            : `${operation.deviceType} follows the fleet’s approval rules`,
        scope(operation.deviceType ?? 'The fleet'),
        operation.rules ? rulesWords(operation.rules) : 'The fleet’s rules apply.',
      ];
    case 'approval-ask':
      return [
        'approval-ask',
        operation.change.kind === 'rollout'
          ? 'Ask for approval of a staged rollout'
          : 'Ask for approval of “Update all sites”',
        scope(
          `Request ${operation.approvalId}: ${plural(operation.sites, `${operation.deviceType} site`)}`,
        ),
        `Waiting for approval until ${new Date(operation.expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC: ${operation.why}${operation.note ? ` “${operation.note}”` : ''}`,
      ];
    case 'approval-decide': {
      const [kind, summary, text] = DECISIONS[operation.decision];
      const rollout =
        operation.rolloutId === null ? '' : ` Rollout ${operation.rolloutId} started.`;
      return [
        kind,
        summary,
        scope(`Request ${operation.approvalId} of ${operation.deviceType}`),
        `${text}${rollout}${operation.comment ? ` “${operation.comment}”` : ''}`,
      ];
    }
  }
}

/** A refused approval request, in the activity's words (see describeRequest). */
export function describeApprovalRequest(
  operationId: string,
  params: { approvalId?: string },
  input: Record<string, unknown>,
): { kind: ActivityKind; summary: string; scope: ActivityScope } | null {
  const request = scope(`Request ${params.approvalId ?? ''}`);
  switch (operationId) {
    case 'askApproval': {
      const change = input.change as { kind?: string } | undefined;
      const deviceType = typeof input.deviceType === 'string' ? input.deviceType : '';
      return {
        kind: 'approval-ask',
        summary:
          change?.kind === 'rollout'
            ? 'Ask for approval of a staged rollout'
            : 'Ask for approval of “Update all sites”',
        scope: scope(deviceType),
      };
    }
    case 'approveChange':
      return { kind: 'approval-approve', summary: 'Approve change', scope: request };
    case 'denyChange':
      return { kind: 'approval-deny', summary: 'Deny change', scope: request };
    case 'withdrawApproval':
      return { kind: 'approval-withdraw', summary: 'Withdraw approval request', scope: request };
    case 'setApprovalRules': {
      const deviceType = typeof input.deviceType === 'string' ? input.deviceType : null;
      return {
        kind: 'approval-rules',
        summary: deviceType
          ? `Set ${deviceType}’s approval rules`
          : 'Set the fleet’s approval rules',
        scope: scope(deviceType ?? 'The fleet'),
      };
    }
    default:
      return null;
  }
}

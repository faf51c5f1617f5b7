import { queryOptions, useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/api/client';
import {
  approvalEndpoints,
  type ApprovalStatus,
  type AskApprovalRequest,
  type SetApprovalRulesRequest,
} from '@/api/approvals';
import { siteQueries } from './sites';
import './meta';

/** Requests waiting for a decision are read again this often while shown: others decide them. */
export const APPROVAL_POLL_MS = 15_000;

/** Query keys and options for approvals, under the sites' key: a decision moves sites. */
export const approvalQueries = {
  all: () => [...siteQueries.all(), 'approvals'] as const,
  list: (query: { status?: ApprovalStatus; deviceType?: string } = {}) =>
    queryOptions({
      queryKey: [...approvalQueries.all(), 'list', query] as const,
      queryFn: ({ signal }) => apiRequest(approvalEndpoints.list, { query }, { signal }),
      refetchInterval: (query) => (query.state.data?.waiting ? APPROVAL_POLL_MS : false),
    }),
  rules: () =>
    queryOptions({
      queryKey: [...approvalQueries.all(), 'rules'] as const,
      queryFn: ({ signal }) => apiRequest(approvalEndpoints.rules, {}, { signal }),
    }),
};

export function useAskApproval() {
  return useMutation({
    mutationFn: (request: AskApprovalRequest) =>
      apiRequest(approvalEndpoints.ask, { body: request }),
    meta: { invalidates: [approvalQueries.all()] },
  });
}

export type Decision =
  { kind: 'approve'; comment?: string } | { kind: 'deny'; comment: string } | { kind: 'withdraw' };

export function useDecide(approvalId: string) {
  return useMutation({
    mutationFn: (decision: Decision) => {
      const params = { approvalId };
      if (decision.kind === 'withdraw') return apiRequest(approvalEndpoints.withdraw, { params });
      if (decision.kind === 'deny') {
        return apiRequest(approvalEndpoints.deny, { params, body: { comment: decision.comment } });
      }
      return apiRequest(approvalEndpoints.approve, {
        params,
        body: decision.comment ? { comment: decision.comment } : {},
      });
    },
    // Decided or refused (someone else decided first, it expired): show where it stands now.
    meta: { invalidates: [siteQueries.all()], alsoOnError: true },
  });
}

export function useSetApprovalRules() {
  return useMutation({
    mutationFn: (request: SetApprovalRulesRequest) =>
      apiRequest(approvalEndpoints.setRules, { body: request }),
    meta: { invalidates: [siteQueries.all()] },
  });
}

// What the approvals offer the other features, on purpose.
export { WaitingApprovals } from './WaitingApprovals';

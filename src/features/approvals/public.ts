// What the approvals offer the other features, on purpose.
export { ApprovalNeeded, askedWords } from './ApprovalNeeded';
export { WaitingApprovals } from './WaitingApprovals';

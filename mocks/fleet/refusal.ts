export { RefusedError } from '../../server/contract/refusal';

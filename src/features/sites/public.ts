// What the site software update offers the other features, on purpose.
export { UpdateAllSummary } from './UpdateAllSummary';

// What the change-freezes feature offers the others, on purpose.
export { FrozenNote, freezeOverrideOf } from './FrozenNote';
export { FrozenBanner, useFrozenNow } from './FrozenBanner';

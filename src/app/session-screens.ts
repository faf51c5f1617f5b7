/**
 * What the session shows besides the screens — the sign-in screen and form, "Sign out", and
 * the page of an area the backend lacks — loaded together, lazily, as one chunk: only some
 * backends need them, and apart they would split the first page's code into more pieces.
 */
export { default as NotServedPage } from './NotServedPage';
export { SignInForm } from './SignInForm';
export { SignInPage } from './SignInPage';
export { default as SignOutButton } from './SignOutButton';

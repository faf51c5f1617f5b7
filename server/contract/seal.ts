/**
 * Seals what a session keeps for a backend (a hawkBit user's password, an identity provider's
 * tokens) before it goes into the store: AES-256-GCM with a key derived from the servers'
 * shared secret (`--session-secret`), so the database alone — a backup, a replica, a
 * support dump — never holds a credential in clear, and a sealed value altered in the
 * database does not open. WebCrypto only: no Node module.
 */
export interface Sealer {
  seal(value: unknown): Promise<string>;
  /** The value, or an Error when the text was not sealed with this secret or was altered. */
  open(text: string): Promise<unknown>;
}

/** The shortest secret accepted: 32 characters (e.g. `openssl rand -base64 32`). */
export const MIN_SECRET_LENGTH = 32;

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export async function sealer(secret: string): Promise<Sealer> {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `The session secret must be at least ${MIN_SECRET_LENGTH} characters (e.g. the output of \`openssl rand -base64 32\`), the same on every console server.`,
    );
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  const key = await crypto.subtle.importKey('raw', digest, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return {
    async seal(value) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const plain = new TextEncoder().encode(JSON.stringify(value));
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain),
      );
      const joined = new Uint8Array(iv.length + sealed.length);
      joined.set(iv);
      joined.set(sealed, iv.length);
      return `v1.${toBase64Url(joined)}`;
    },
    async open(text) {
      if (!text.startsWith('v1.')) throw new Error('Not a sealed value.');
      const joined = fromBase64Url(text.slice(3));
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: joined.slice(0, 12) },
          key,
          joined.slice(12),
        );
        return JSON.parse(new TextDecoder().decode(plain)) as unknown;
      } catch {
        throw new Error('The sealed value was altered, or sealed with another secret.');
      }
    },
  };
}

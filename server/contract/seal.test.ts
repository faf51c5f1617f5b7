// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { sealer } from './seal';

const secret = 'a-secret-shared-by-every-console-server!';

describe('sealing what a session keeps for a backend', () => {
  it('opens what it sealed, and never shows the value in the sealed text', async () => {
    const seal = await sealer(secret);
    const value = { username: 'operator', password: 'correct horse battery staple' };
    const sealed = await seal.seal(value);
    expect(sealed).not.toContain('horse');
    expect(await seal.open(sealed)).toEqual(value);
    // A new nonce each time: the same value never seals to the same text.
    expect(await seal.seal(value)).not.toBe(sealed);
  });

  it('refuses a sealed text that was altered, or sealed with another secret', async () => {
    const seal = await sealer(secret);
    const sealed = await seal.seal({ password: 'x' });
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    await expect(seal.open(altered)).rejects.toThrow(/altered/);
    const other = await sealer(`${secret}-other`);
    await expect(other.open(sealed)).rejects.toThrow(/another secret/);
  });

  it('refuses a short secret, saying how to make one', async () => {
    await expect(sealer('short')).rejects.toThrow(/openssl rand -base64 32/);
  });
});

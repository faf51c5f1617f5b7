/** Compares dotted versions numerically: 10.12.240.1 > 10.12.240 > 9.80.72. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  const length = Math.max(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const x = Number.parseInt(left[index] ?? '-1', 10);
    const y = Number.parseInt(right[index] ?? '-1', 10);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** A string that sorts like the version when compared as plain text. */
export function versionSortKey(version: string): string {
  return version
    .split('.')
    .map((part) => part.padStart(6, '0'))
    .join('.');
}

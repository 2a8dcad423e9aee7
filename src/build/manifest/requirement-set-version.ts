/** Compares requirement set versions numerically ("1.13" is above "1.9"): negative, zero or positive. */
export function compareRequirementVersions(left: string, right: string): number {
  const leftParts = left.split('.').map(Number);
  const rightParts = right.split('.').map(Number);
  for (let index = 0; index < Math.max(leftParts.length, rightParts.length); index += 1) {
    const difference = (leftParts[index] ?? 0) - (rightParts[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A requirement set version is dot-separated numbers, like "1.13". */
export function isRequirementVersion(text: string): boolean {
  return /^\d+(\.\d+)*$/.test(text);
}

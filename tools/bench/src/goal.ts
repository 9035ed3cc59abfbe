/**
 * Judges a goal written as "<= 1.05x", ">= 10x" or "<= 6 kB" against a result's
 * ratio, for modules that state a goal and a ratio but leave `met` out.
 * Returns undefined when the goal is not of that form.
 */
export function goalMet(goal: string, value: number): boolean | undefined {
  const match = /^\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)/.exec(goal);
  if (!match || !Number.isFinite(value)) return undefined;
  const limit = Number(match[2]);
  switch (match[1]) {
    case '<=':
      return value <= limit;
    case '>=':
      return value >= limit;
    case '<':
      return value < limit;
    default:
      return value > limit;
  }
}

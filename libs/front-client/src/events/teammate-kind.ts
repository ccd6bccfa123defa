/**
 * Front types a bot teammate by its parent resource (`rule`, `api`, `macro`,
 * `ai`, …); people are `user` and `visitor`. An untyped author is a person.
 */
export function isBotTeammateType(type: string | undefined): boolean {
  return type !== undefined && type !== 'user' && type !== 'visitor';
}

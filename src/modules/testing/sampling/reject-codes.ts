/** Why a sampling event is refused; no dependencies, so the sampler page shares the list. */
export const REJECT_CODES = [
  'invalid',
  'unknown_tube',
  'tube_closed',
  'tube_full',
  'already_in_tube',
  'already_in_round',
  'unknown_person',
  'barcode_in_use',
  'pool_size_not_allowed',
  'unknown_round',
  'round_not_open',
  'outside_round',
  'unknown_sampling_point',
  'token_invalid',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

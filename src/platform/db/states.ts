// The values of the two state columns, signatures.state and endorsements.state. They
// are part of the data model, so every layer can name them in SQL (through sqlList in
// ./sql.ts, never as literal strings). Which states count lives in
// src/counts/counters.ts; which moves between states are allowed, in
// src/signatures/signatures.ts and src/endorsements/endorsements.ts.

// Each state by its name: SIGNATURE.confirmed === 'confirmed', checked by the compiler.
const byName = <S extends string>(states: readonly S[]) => Object.freeze(Object.fromEntries(states.map((s) => [s, s]))) as { readonly [K in S]: K };

// pending (email unconfirmed) -> confirmed (counts) -> withdrawn | invalidated;
// held: over a sustained limit, waits for an organiser to release it.
export const SIGNATURE_STATES = ['pending', 'confirmed', 'withdrawn', 'invalidated', 'held'] as const;
export type SignatureState = (typeof SIGNATURE_STATES)[number];
export const SIGNATURE = byName(SIGNATURE_STATES);

// pending (contact email unconfirmed) -> confirmed (awaiting an organiser) -> verified | rejected
export const ENDORSEMENT_STATES = ['pending', 'confirmed', 'verified', 'rejected'] as const;
export type EndorsementState = (typeof ENDORSEMENT_STATES)[number];
export const ENDORSEMENT = byName(ENDORSEMENT_STATES);

// signatures.verification (issue 16): how strongly a signature is verified, weakest
// first. The rules that derive it: src/signatures/verification.ts.
export const VERIFICATION_LEVELS = ['email', 'institution', 'orcid'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];
export const LEVEL = byName(VERIFICATION_LEVELS);

import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';

// Response bodies of the public log's JSON API (src/log/log.api.ts).
const hex = (what: string) =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe(what);

export const CheckpointBody = named(
  'LogCheckpoint',
  z.object({
    pledge: z.string(),
    treeSize: z.number().int().describe('Number of entries the tree covers'),
    rootHash: hex('RFC 6962 Merkle tree hash of entries [0, treeSize)'),
    individuals: z.number().int().describe('Published individual total; equals additions minus removals of individuals'),
    societies: z.number().int().describe('Published society total; equals additions minus removals of societies'),
    timestamp: z.number().int().describe('When signed, ms since the epoch'),
    keyId: z.string().describe('First 16 hex digits of SHA-256 of the raw Ed25519 public key'),
    signature: z.string().describe('Ed25519 signature (base64) over the checkpoint text (README, "Verifiable counts")'),
  }),
  "A signed tree head of a pledge's public log.",
);

const EntryBody = named(
  'LogEntry',
  z.object({
    seq: z.number().int().describe('Leaf index'),
    kind: z.enum(['add', 'remove']),
    type: z.enum(['individual', 'society']),
    time: z.number().int().describe('ms since the epoch'),
    commitment: hex('SHA-256(salt || subject id); the salt is private to the subject'),
    leafHash: hex('RFC 6962 leaf hash of the canonical entry bytes'),
  }),
  'One entry of the public log. No personal data.',
);

const proof = (what: string) => z.array(hex('A node hash')).describe(what);

export const CheckpointsPage = z.object({ pledge: z.string(), checkpoints: z.array(CheckpointBody), next: z.string().nullable() });

export const EntriesPage = z.object({
  pledge: z.string(),
  size: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  entries: z.array(EntryBody),
  next: z.string().nullable(),
});

export const InclusionProof = z.object({ index: z.number().int(), treeSize: z.number().int(), leafHash: hex('The leaf hash'), proof: proof('Leaf to root') });

export const ConsistencyProof = z.object({ first: z.number().int(), second: z.number().int(), proof: proof('RFC 6962 PROOF(first, D[second])') });

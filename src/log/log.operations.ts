import { z } from 'zod';
import { defineOperation, ErrorBody, invalid, named, notFound, slugParams, tokenBody } from '../platform/openapi/operation.ts';

// The public log's routes in the OpenAPI document (src/docs/docs.ts).
const hex = (what: string) => z.string().regex(/^[0-9a-f]{64}$/).describe(what);
const size = (what: string) => z.coerce.number().int().min(0).describe(what);

const CheckpointBody = named(
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
  'A signed tree head of a pledge\'s public log.',
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

const ProofBody = (what: string) => z.array(hex('A node hash')).describe(what);
const unavailable = { description: 'Checkpoints cannot be signed (no signing key)', schema: ErrorBody, headers: { 'Retry-After': 'Seconds to wait' } };
const tags = ['Public log'];

export const logOperations = [
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/log/checkpoint',
    operationId: 'getLogCheckpoint',
    summary: 'The latest signed checkpoint of the public log',
    description: 'A new checkpoint is signed when the log grew, at most once per 10 s. The public key is at /.well-known/pledge-log-key.',
    tags,
    params: slugParams,
    responses: { 200: { description: 'The latest checkpoint', schema: CheckpointBody }, 404: notFound, 503: unavailable },
  }),
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/log/checkpoints',
    operationId: 'listLogCheckpoints',
    summary: 'Checkpoint history, newest first',
    tags,
    params: slugParams,
    query: z.object({ before: size('Only checkpoints of smaller trees').optional(), limit: z.coerce.number().int().min(1).max(100).optional() }),
    responses: {
      200: { description: 'A page', schema: z.object({ pledge: z.string(), checkpoints: z.array(CheckpointBody), next: z.string().nullable() }) },
      400: invalid,
      404: notFound,
    },
  }),
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/log/entries',
    operationId: 'listLogEntries',
    summary: 'Entries [start, end) of the public log, at most 1000 at a time',
    tags,
    params: slugParams,
    query: z.object({ start: size('First leaf index').optional(), end: size('Leaf index after the last').optional() }),
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ pledge: z.string(), size: z.number().int(), start: z.number().int(), end: z.number().int(), entries: z.array(EntryBody), next: z.string().nullable() }),
      },
      400: invalid,
      404: notFound,
    },
  }),
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/log/inclusion',
    operationId: 'getLogInclusionProof',
    summary: 'RFC 6962 audit path of a leaf in a tree of a given size',
    tags,
    params: slugParams,
    query: z.object({ index: size('Leaf index'), treeSize: size('Tree size, greater than index') }),
    responses: {
      200: { description: 'The audit path', schema: z.object({ index: z.number().int(), treeSize: z.number().int(), leafHash: hex('The leaf hash'), proof: ProofBody('Leaf to root') }) },
      400: invalid,
      404: notFound,
    },
  }),
  defineOperation({
    method: 'get',
    path: '/api/pledges/:slug/log/consistency',
    operationId: 'getLogConsistencyProof',
    summary: 'RFC 6962 consistency proof between two tree sizes',
    tags,
    params: slugParams,
    query: z.object({ first: size('The older tree size'), second: size('The newer tree size') }),
    responses: {
      200: { description: 'The proof', schema: z.object({ first: z.number().int(), second: z.number().int(), proof: ProofBody('RFC 6962 PROOF(first, D[second])') }) },
      400: invalid,
      404: notFound,
    },
  }),
  defineOperation({
    method: 'post',
    path: '/api/signatures/receipt',
    operationId: 'getSignatureReceipt',
    summary: "A confirmed signer's receipt: their log entry, its secret, an inclusion proof and a signed checkpoint",
    description: 'Authorised by the confirm or the withdraw token. Check it with `npm run verify -- receipt.json --server <site>` or at /p/:slug/verify.',
    tags,
    body: tokenBody,
    responses: {
      200: { description: 'The receipt (pledge-log-receipt/v1)', contentType: 'application/json' },
      400: invalid,
      404: { description: 'Unknown or used token', schema: ErrorBody },
      409: { description: 'Not counted (yet): no receipt', schema: ErrorBody },
      503: unavailable,
    },
  }),
];

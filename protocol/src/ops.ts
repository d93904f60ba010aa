/** What the admin server tells a load balancer and a monitoring system about itself. */
import Type from 'typebox';

/** GET /health: the process answers (liveness). */
export const LivenessReply = Type.Object({ ok: Type.Boolean() }, { additionalProperties: false });
export type LivenessReply = Type.Static<typeof LivenessReply>;

/**
 * GET /ready: whether this instance should be given requests (200) or not (503): its database
 * answers, and it is not shutting down (a load balancer stops sending before it closes).
 */
export const ReadinessReply = Type.Object(
  {
    ready: Type.Boolean(),
    database: Type.Enum(['ok', 'unreachable']),
    draining: Type.Boolean({ description: 'Shutting down: finishing the requests it has, taking no new ones' }),
  },
  { additionalProperties: false },
);
export type ReadinessReply = Type.Static<typeof ReadinessReply>;

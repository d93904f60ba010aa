/** Injected time source, so rules that depend on "now" are testable. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

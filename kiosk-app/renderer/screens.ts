/**
 * The screens of a visit and the router between them: each kind of screen has exactly one
 * renderer, and the compiler checks that every kind has one and that it gets its own fields.
 */
import type { ComponentChildren } from 'preact';
import type { GuideCategory } from '@linli/protocol';

export type Screen =
  | { kind: 'home' }
  | { kind: 'category'; category: GuideCategory }
  | { kind: 'guide'; id: string }
  | { kind: 'notices' }
  | { kind: 'notice'; id: string }
  | { kind: 'id-card' }
  | { kind: 'forms'; formId?: string }
  | { kind: 'bills' }
  | { kind: 'cases' }
  | { kind: 'queue' }
  | { kind: 'maintenance' };

export type ScreenRenderers = { [K in Screen['kind']]: (screen: Extract<Screen, { kind: K }>) => ComponentChildren };

export function renderScreen(renderers: ScreenRenderers, screen: Screen): ComponentChildren {
  // TypeScript cannot relate screen.kind to the renderer's parameter on its own; the mapped type does.
  return (renderers[screen.kind] as (screen: Screen) => ComponentChildren)(screen);
}

/**
 * Where 返回 leads: the screens opened before this one, newest last. The resident goes back the
 * way they came (a guide opened from a category returns to the category, with its search); with
 * nothing before, the home screen.
 */
export interface Trail {
  current: Screen;
  before: Screen[];
}

export const START: Trail = { current: { kind: 'home' }, before: [] };

export function forward(trail: Trail, next: Screen): Trail {
  return { current: next, before: [...trail.before, trail.current] };
}

export function backward(trail: Trail): Trail {
  const previous = trail.before.at(-1);
  return previous ? { current: previous, before: trail.before.slice(0, -1) } : START;
}

/** The search field shows where a search makes sense: at home and inside a category. */
export function isSearchable(screen: Screen): boolean {
  return screen.kind === 'home' || screen.kind === 'category';
}

/**
 * A figure per area shaded in five classes (pure): the breaks at the quintiles of the known
 * figures (so a few large grids do not leave the rest one colour), a sequential blue that prints
 * and reads for the common colour blindnesses, and no shade for an area without a figure.
 */
export const CLASS_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
export const NO_FIGURE_COLOUR = '#d9d9d9';

export interface FigureClasses {
  /** Each class's lowest and highest figure, lowest class first (fewer than five when few figures differ). */
  classes: Array<{ from: number; to: number; colour: string }>;
  colourOf(value: number | null | undefined): string;
}

export function figureClasses(values: ReadonlyArray<number | null | undefined>): FigureClasses {
  const known = values.filter((value): value is number => typeof value === 'number').sort((a, b) => a - b);
  const distinct = [...new Set(known)];
  const count = Math.min(CLASS_COLOURS.length, distinct.length);
  // The upper end of each class: the quintiles of the known figures, each a figure that occurs.
  const uppers = [
    ...new Set(
      Array.from({ length: count }, (_, index) => known[Math.ceil(((index + 1) * known.length) / count) - 1]!),
    ),
  ];
  const colours = uppers.map(
    (_, index) => CLASS_COLOURS[Math.round((index * (CLASS_COLOURS.length - 1)) / Math.max(1, uppers.length - 1))]!,
  );
  const classes = uppers.map((to, index) => ({
    from: index === 0 ? known[0]! : (known.find((value) => value > uppers[index - 1]!) ?? to),
    to,
    colour: colours[index]!,
  }));
  return {
    classes,
    colourOf(value) {
      if (typeof value !== 'number') return NO_FIGURE_COLOUR;
      const index = uppers.findIndex((upper) => value <= upper);
      return colours[index === -1 ? colours.length - 1 : index]!;
    },
  };
}

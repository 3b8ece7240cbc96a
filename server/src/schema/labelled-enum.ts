// An enum whose values carry their Chinese label beside their description, for the figures that
// group by it (a breakdown row's `label`). One declaration per enum: the GraphQL enum and its
// labels cannot drift apart, and two enums that share a value name (ProblemStatus.RESOLVED 已解决,
// ProjectStatus.RESOLVED 已化解) keep their own labels.
import { builder } from '../builder.ts';

type Values<E extends Record<string, string>> = Record<
  keyof E & string,
  { description: string; label: string }
>;

export function labelledEnum<const E extends Record<string, string>>(
  values: E,
  options: { name: string; description: string; values: Values<E> },
) {
  const entries = Object.entries(options.values) as [
    keyof E & string,
    { description: string; label: string },
  ][];
  const descriptions = Object.fromEntries(
    entries.map(([value, { description }]) => [value, { description }]),
  );
  // Pothos resolves its options type only for a concrete enum; every caller passes one.
  const ref = builder.enumType(values, {
    name: options.name,
    description: options.description,
    values: descriptions,
  } as never);
  const labels = new Map<string, string>(entries.map(([value, { label }]) => [value, label]));
  return Object.assign(ref, {
    /** The Chinese label of a value; an unknown key (a figure's own key) is returned as it is. */
    label: (key: string): string => labels.get(key) ?? key,
  });
}

import type { MagentoMetadata } from './magento-metadata';
import type { ScopedValues } from './page-queries';
import type { GalleryImage } from './shopper-queries';
import { roleFile } from './shopper-view';

/**
 * Which children's galleries a page reads. A child lends a configurable its photo only as the
 * first of the children it counts, or of those of one colour, whose base image is shown (see
 * ProductMapper). So the counted children are grouped by parent and colour value, each group in
 * entity_id order and without those that name no base image; a group's first child is read, and
 * when it lends none (its base image hidden or not in its gallery) the rest of that group in one
 * more read, so a page costs at most one statement more. On a sample-store-like catalog that is
 * two or three children a configurable instead of its eight or so counted ones.
 *
 * Grouping by the colour's stored value rather than by its option keeps every group within one
 * of the mapper's (a value naming a second, foreign option makes a group of its own), so the
 * first child that lends in each of the mapper's groups is always read, and every child before it.
 */
export class ChildPhotos {
  private readonly read = new Set<number>();
  private firstRound = true;

  /**
   * @param groups the counted children by parent and colour value (see photoGroups)
   * @param lends whether a child, with its gallery as read, lends a photo (its base image is shown)
   */
  constructor(
    private readonly groups: number[][],
    private readonly lends: (child: number, images: GalleryImage[]) => boolean,
  ) {}

  /**
   * The children to read next: first each group's first child; then every other child of the
   * groups whose first one lends no photo; then none.
   */
  next(gallery: Map<number, GalleryImage[]>): number[] {
    const next = new Set<number>();
    for (const group of this.groups) {
      if (group.length === 0) continue;
      if (this.firstRound) next.add(group[0]);
      else if (!group.some((child) => this.read.has(child) && this.lends(child, gallery.get(child) ?? []))) {
        group.filter((child) => !this.read.has(child)).forEach((child) => next.add(child));
      }
    }
    this.firstRound = false;
    next.forEach((child) => this.read.add(child));
    return [...next];
  }
}

/** The children a page's configurables may borrow their photos from, by the values read for the page. */
export function childPhotos(meta: MagentoMetadata, values: ScopedValues, childrenOf: Map<number, number[]>, counted: Set<number>): ChildPhotos {
  const colourId = meta.byCode.get('color')?.id;
  const baseImage = (child: number) => roleFile(meta, values, child, 'image');
  const colourValue = (child: number) => (colourId === undefined ? null : (values.get(child)?.get(colourId) ?? null));
  return new ChildPhotos(
    photoGroups(childrenOf, (child) => counted.has(child), colourValue, (child) => baseImage(child) !== null),
    (child, images) => images.some((image) => image.file === baseImage(child)),
  );
}

/**
 * The counted children of each parent grouped by their colour value (none is a value too), in
 * entity_id order, keeping only those that name a base image file.
 */
export function photoGroups(
  childrenOf: Map<number, number[]>,
  isCounted: (child: number) => boolean,
  colourOf: (child: number) => string | null,
  namesBaseImage: (child: number) => boolean,
): number[][] {
  const groups: number[][] = [];
  for (const children of childrenOf.values()) {
    const byColour = new Map<string | null, number[]>();
    for (const child of children) {
      if (!isCounted(child) || !namesBaseImage(child)) continue;
      const colour = colourOf(child);
      const group = byColour.get(colour) ?? [];
      byColour.set(colour, group);
      group.push(child);
    }
    groups.push(...byColour.values());
  }
  return groups;
}

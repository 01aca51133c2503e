import { ChildPhotos, photoGroups } from './child-photos';
import type { GalleryImage } from './shopper-queries';

const image = (file: string): GalleryImage => ({ valueId: 1, file, label: null, position: 1 });

describe('photoGroups', () => {
  it("groups each parent's counted children naming a base image by colour value, in entity_id order", () => {
    const childrenOf = new Map([
      [1, [11, 12, 13, 14, 15]],
      [2, [21, 22]],
    ]);
    const colour = new Map<number, string | null>([[11, 'blue'], [12, 'red'], [13, 'blue'], [14, null], [15, 'blue'], [21, 'blue'], [22, 'blue']]);

    const groups = photoGroups(childrenOf, (child) => child !== 13, (child) => colour.get(child)!, (child) => child !== 22);

    expect(groups).toEqual([[11, 15], [12], [14], [21]]);
  });
});

describe('ChildPhotos', () => {
  /** Children whose base image is shown once their gallery is read. */
  const shown = new Set([12, 14, 21]);
  const lends = (child: number, images: GalleryImage[]) => shown.has(child) && images.length > 0;
  const galleryOf = (children: number[]) => new Map(children.map((child) => [child, [image(`/c/${child}.jpg`)]]));

  it("reads each group's first child, then the rest of the groups whose first child lends no photo, then nothing", () => {
    const photos = new ChildPhotos([[11, 12, 13], [14, 15], [21], [16]], lends);
    const gallery = galleryOf([]);
    const rounds: number[][] = [];
    for (let next = photos.next(gallery); next.length > 0; next = photos.next(gallery)) {
      rounds.push(next);
      galleryOf(next).forEach((images, child) => gallery.set(child, images));
    }

    expect(rounds).toEqual([[11, 14, 21, 16], [12, 13]]);
  });

  it('reads a child shared by two groups once', () => {
    const photos = new ChildPhotos([[31, 32], [32, 33]], () => false);
    const gallery = galleryOf([]);

    expect([photos.next(gallery), photos.next(gallery), photos.next(gallery)]).toEqual([[31, 32], [33], []]);
  });
});

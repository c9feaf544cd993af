import { containerName, forEachContainer, packCheck, POD_KINDS } from './packCheck';

/** The tag of an image reference ('' when there is none); digests pin the image and count as tagged. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : '';
}

export const latestTag = packCheck({
  id: 'latest-tag',
  title: 'Image uses the latest tag or no tag',
  preset: 'best-practices',
  description: 'Images without a tag or with :latest change under a running workload and make rollbacks impossible.',
  kinds: POD_KINDS,
  check(ctx) {
    forEachContainer(ctx, 'regular-and-init', (c) => {
      const image = c.container.image;
      if (typeof image !== 'string' || image === '') return;
      const tag = imageTag(image);
      if (tag === undefined || (tag !== '' && tag !== 'latest')) return;
      const what = tag === '' ? 'has no tag (it means :latest)' : 'uses the :latest tag';
      ctx.report({ path: [...c.path, 'image'], message: `Container '${containerName(c)}': image '${image}' ${what}; pin a version tag or a digest.` });
    });
  },
});

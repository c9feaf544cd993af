import { parse as parseYaml } from 'yaml';
import { decodeKubernetesProtobuf, PROTOBUF } from './protobuf';
import { badRequest } from './status';

/** Request bodies: JSON (what kubectl sends) or YAML (server-side apply); malformed bodies are a 400. */

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function decodeBody(body: Buffer | undefined, contentType: string | undefined): unknown {
  if (!body || body.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === PROTOBUF) return decodeKubernetesProtobuf(body);
  const text = body.toString('utf8');
  if (type === 'application/yaml' || type === 'application/apply-patch+yaml') {
    try {
      return parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
    } catch (err) {
      throw badRequest(`error converting YAML to JSON: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

/**
 * hawkBit's Management API document (ORIGIN.md), with what hawkBit's current source adds
 * and the console uses patched in: the document the stand-in checks every request against.
 */
import { readFileSync } from 'node:fs';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonObject }> };
  responses?: JsonObject;
}

export interface ApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonObject> };
}

function object(value: Json | undefined, where: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`hawkBit's document has no ${where}`);
  }
  return value;
}

/** The patches of ORIGIN.md, applied to a copy. */
export function patched(original: ApiDocument): ApiDocument {
  const document = structuredClone(original);
  const pause = document.paths['/rest/v1/rollouts/{rolloutId}/pause']?.post;
  if (!pause) throw new Error("hawkBit's document has no POST /rest/v1/rollouts/{rolloutId}/pause");
  document.paths['/rest/v1/rollouts/{rolloutId}/stop'] = {
    post: { ...structuredClone(pause), operationId: 'stop' },
  };
  const success = object(document.components.schemas.MgmtRolloutSuccessAction, 'success action');
  const action = object(object(success.properties, 'success action').action, 'action');
  action.enum = ['NEXTGROUP', 'PAUSE'];
  const target = object(document.components.schemas.MgmtTarget, 'MgmtTarget');
  object(target.properties, 'MgmtTarget properties').group = {
    type: 'string',
    description: 'The target group (hawkBit source, not in the published document).',
  };
  return document;
}

let loaded: ApiDocument | undefined;

/** The vendored document, patched; read once. */
export function hawkbitDocument(): ApiDocument {
  loaded ??= patched(
    JSON.parse(
      readFileSync(new URL('./mgmt-openapi.json', import.meta.url), 'utf8'),
    ) as ApiDocument,
  );
  return loaded;
}

// The ten server stacks we write snippets for, with their UI labels.
import type { StackId } from '../../types';
import type { SnippetSpec } from '../plan';
import { apache } from './apache';
import { aspnet } from './aspnet';
import { caddy } from './caddy';
import { django } from './django';
import { express } from './express';
import { fastapi } from './fastapi';
import { go } from './go';
import { nginx } from './nginx';
import { rails } from './rails';
import { spring } from './spring';

export const STACKS: readonly { id: StackId; label: string }[] = [
  { id: 'express', label: 'Express' },
  { id: 'nginx', label: 'nginx' },
  { id: 'apache', label: 'Apache' },
  { id: 'spring', label: 'Spring' },
  { id: 'django', label: 'Django' },
  { id: 'fastapi', label: 'FastAPI' },
  { id: 'aspnet', label: 'ASP.NET Core' },
  { id: 'go', label: 'Go' },
  { id: 'rails', label: 'Rails' },
  { id: 'caddy', label: 'Caddy' },
];

const RENDER: Record<StackId, (spec: SnippetSpec) => string> = {
  express,
  nginx,
  apache,
  spring,
  django,
  fastapi,
  aspnet,
  go,
  rails,
  caddy,
};

export function snippets(spec: SnippetSpec): Record<StackId, string> {
  const out = {} as Record<StackId, string>;
  for (const { id } of STACKS) out[id] = RENDER[id](spec);
  return out;
}

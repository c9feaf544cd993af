/// <reference lib="dom" />
/** The Access view's "can-i" box: reads the form, asks the server, shows yes/no and why. */
import { canIParams, renderCanIAnswer, type CanIAnswer, type CanIForm } from '../render/canIHtml';
import type { Host } from './host';

export function readCanIForm(form: HTMLFormElement): CanIForm {
  const data = new FormData(form);
  const text = (name: string): string => String(data.get(name) ?? '');
  const kind = text('subjectKind');
  return {
    subjectKind: kind === 'User' || kind === 'Group' ? kind : 'ServiceAccount',
    subjectName: text('subjectName'),
    subjectNamespace: text('subjectNamespace'),
    verb: text('verb'),
    resource: text('resource'),
    namespace: text('namespace'),
  };
}

export class CanIBox {
  private answer: CanIAnswer = { state: 'idle' };

  constructor(private readonly host: Host) {}

  async ask(values: CanIForm): Promise<void> {
    const parsed = canIParams(values);
    if (!parsed.ok) {
      this.show({ state: 'error', message: parsed.error });
      return;
    }
    this.show({ state: 'asking' });
    const reply = await this.host.request<'canIResult'>({ type: 'canI', params: parsed.params });
    this.show(
      reply.ok && reply.response
        ? { state: 'answered', allowed: reply.response.allowed, reason: reply.response.reason, question: parsed.question }
        : { state: 'error', message: reply.message ?? 'The check failed.' },
    );
  }

  /** Puts the last answer back after the Access view was rebuilt. */
  restore(): void {
    const result = document.getElementById('can-i-result');
    if (result && result.childElementCount === 0) result.innerHTML = renderCanIAnswer(this.answer);
  }

  private show(answer: CanIAnswer): void {
    this.answer = answer;
    const result = document.getElementById('can-i-result');
    if (result) result.innerHTML = renderCanIAnswer(answer);
  }
}

/**
 * Printing a form for the resident: fill it with this visit's ID card, what they typed and
 * today's date, send it to the A4 printer and follow the job. The filled PDF and the typed text
 * exist only in memory for the job; ending the visit cancels a job still in the spooler.
 */
import {
  LinliError,
  formNeedsIdCard,
  formSummaryOf,
  type IdCardData,
  type KioskBridge,
  type PrintProgress,
} from '@linli/protocol';
import type { JobStateName } from '@linli/device-drivers/document-printer/document-printer';
import { fillForm } from '@linli/device-drivers/pdf-forms/fill-form';
import { resolveFormData } from '@linli/device-drivers/pdf-forms/resolve-form-data';
import type { PeripheralManager } from '../peripherals/peripheral-manager';
import type { FormCatalog } from './form-catalog';

type FormMethods = Pick<KioskBridge, 'listForms' | 'printForm' | 'getPrintProgress'>;

export interface FormPrintingDeps {
  forms: FormCatalog;
  peripherals: PeripheralManager;
  currentCard: () => IdCardData | undefined;
  now: () => Date;
  onProgress: () => void;
  /** Told of each form printed (a clerk desk counts them). */
  onPrinted?: (formId: string) => void;
  log: (message: string) => void;
}

const STAGE_OF_JOB: Record<JobStateName, PrintProgress['stage']> = {
  pending: 'queued',
  'pending-held': 'queued',
  processing: 'printing',
  'processing-stopped': 'printing',
  canceled: 'failed',
  aborted: 'failed',
  completed: 'done',
};

export interface FormPrinting {
  bridge: FormMethods;
  /** Cancels the visit's print job, if one is under way, and forgets its progress. */
  endVisit(): void;
}

export function createFormPrinting(deps: FormPrintingDeps): FormPrinting {
  let progress: PrintProgress = { stage: 'idle' };
  let job: AbortController | undefined;
  const setProgress = (next: PrintProgress) => {
    progress = next;
    deps.onProgress();
  };

  const bridge: FormMethods = {
    async listForms() {
      return deps.forms.definitions().map(formSummaryOf);
    },
    async printForm({ formId, typed, sameAsCard }) {
      const form = await deps.forms.get(formId);
      if (!form) throw new LinliError('NOT_FOUND', `No form '${formId}' on this kiosk`);
      if (job) throw new LinliError('PRINT_FAILED', 'A form of this visit is still printing');
      const controller = new AbortController();
      job = controller;
      setProgress({ stage: 'preparing', formId });
      try {
        const idCard = deps.currentCard();
        if (formNeedsIdCard(form.definition) && !idCard)
          throw new LinliError('FORM_INVALID', 'Read the ID card first', [
            { path: '/idCard', message: 'not read in this visit' },
          ]);
        const fields = resolveFormData(form.definition, {
          ...(idCard ? { idCard } : {}),
          typed,
          ...(sameAsCard ? { sameAsCard } : {}),
          today: deps.now(),
        });
        const pdf = await fillForm(form.definition, form.template, fields, await deps.peripherals.pdfFonts());
        await deps.peripherals.printDocument(pdf, {
          title: form.definition.id,
          signal: controller.signal,
          onProgress: ({ state }) => !controller.signal.aborted && setProgress({ stage: STAGE_OF_JOB[state], formId }),
        });
        setProgress({ stage: 'done', formId });
        deps.log(`form ${formId} printed`);
        deps.onPrinted?.(formId);
        return {};
      } catch (error) {
        const coded = error instanceof LinliError ? error : new LinliError('PRINT_FAILED', String(error));
        if (!controller.signal.aborted)
          setProgress({
            stage: 'failed',
            formId,
            error: { code: coded.code, message: coded.message, ...(coded.details ? { details: coded.details } : {}) },
          });
        deps.log(`form ${formId} not printed: ${coded.code}`);
        throw coded;
      } finally {
        if (job === controller) job = undefined;
      }
    },
    async getPrintProgress() {
      return progress;
    },
  };

  return {
    bridge,
    endVisit() {
      job?.abort();
      job = undefined;
      progress = { stage: 'idle' };
    },
  };
}
